using System.Reflection.Emit;
using Kiln.Binary;

namespace Kiln.Compiler;

/// <summary>Numeric instructions of <see cref="FunctionCompiler"/>: IL opcodes where their semantics match, <see cref="NumericOps"/> otherwise.</summary>
internal sealed partial class FunctionCompiler
{
    private bool EmitNumeric(Opcode op)
    {
        switch (op)
        {
            case Opcode.I32Eqz: Op(1, I32, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq: Op(2, I32, OpCodes.Ceq); break;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne: Op(2, I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt: Op(2, I32, OpCodes.Clt); break;
            case Opcode.I32LtU or Opcode.I64LtU: Op(2, I32, OpCodes.Clt_Un); break;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt: Op(2, I32, OpCodes.Cgt); break;
            case Opcode.I32GtU or Opcode.I64GtU: Op(2, I32, OpCodes.Cgt_Un); break;
            case Opcode.I32LeS or Opcode.I64LeS: Op(2, I32, OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32LeU or Opcode.I64LeU or Opcode.F32Le or Opcode.F64Le: Op(2, I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32GeS or Opcode.I64GeS: Op(2, I32, OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I32GeU or Opcode.I64GeU or Opcode.F32Ge or Opcode.F64Ge: Op(2, I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); break;
            case Opcode.I64Eqz: Op(1, I32, OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq); break;

            case Opcode.I32Clz: Call(1, I32, nameof(NumericOps.Clz32)); break;
            case Opcode.I32Ctz: Call(1, I32, nameof(NumericOps.Ctz32)); break;
            case Opcode.I32Popcnt: Call(1, I32, nameof(NumericOps.Popcnt32)); break;
            case Opcode.I32Add: Op(2, I32, OpCodes.Add); break;
            case Opcode.I32Sub: Op(2, I32, OpCodes.Sub); break;
            case Opcode.I32Mul: Op(2, I32, OpCodes.Mul); break;
            case Opcode.I32DivS: Call(2, I32, nameof(NumericOps.DivS32)); break;
            case Opcode.I32DivU: Call(2, I32, nameof(NumericOps.DivU32)); break;
            case Opcode.I32RemS: Call(2, I32, nameof(NumericOps.RemS32)); break;
            case Opcode.I32RemU: Call(2, I32, nameof(NumericOps.RemU32)); break;
            case Opcode.I32And: Op(2, I32, OpCodes.And); break;
            case Opcode.I32Or: Op(2, I32, OpCodes.Or); break;
            case Opcode.I32Xor: Op(2, I32, OpCodes.Xor); break;
            case Opcode.I32Shl: Shift(I32, OpCodes.Shl); break;
            case Opcode.I32ShrS: Shift(I32, OpCodes.Shr); break;
            case Opcode.I32ShrU: Shift(I32, OpCodes.Shr_Un); break;
            case Opcode.I32Rotl: Call(2, I32, nameof(NumericOps.Rotl32)); break;
            case Opcode.I32Rotr: Call(2, I32, nameof(NumericOps.Rotr32)); break;

            case Opcode.I64Clz: Call(1, I64, nameof(NumericOps.Clz64)); break;
            case Opcode.I64Ctz: Call(1, I64, nameof(NumericOps.Ctz64)); break;
            case Opcode.I64Popcnt: Call(1, I64, nameof(NumericOps.Popcnt64)); break;
            case Opcode.I64Add: Op(2, I64, OpCodes.Add); break;
            case Opcode.I64Sub: Op(2, I64, OpCodes.Sub); break;
            case Opcode.I64Mul: Op(2, I64, OpCodes.Mul); break;
            case Opcode.I64DivS: Call(2, I64, nameof(NumericOps.DivS64)); break;
            case Opcode.I64DivU: Call(2, I64, nameof(NumericOps.DivU64)); break;
            case Opcode.I64RemS: Call(2, I64, nameof(NumericOps.RemS64)); break;
            case Opcode.I64RemU: Call(2, I64, nameof(NumericOps.RemU64)); break;
            case Opcode.I64And: Op(2, I64, OpCodes.And); break;
            case Opcode.I64Or: Op(2, I64, OpCodes.Or); break;
            case Opcode.I64Xor: Op(2, I64, OpCodes.Xor); break;
            case Opcode.I64Shl: Shift(I64, OpCodes.Shl); break;
            case Opcode.I64ShrS: Shift(I64, OpCodes.Shr); break;
            case Opcode.I64ShrU: Shift(I64, OpCodes.Shr_Un); break;
            case Opcode.I64Rotl: Call(2, I64, nameof(NumericOps.Rotl64)); break;
            case Opcode.I64Rotr: Call(2, I64, nameof(NumericOps.Rotr64)); break;

            case Opcode.F32Abs: Call(1, F32, nameof(NumericOps.AbsF32)); break;
            case Opcode.F32Neg: Call(1, F32, nameof(NumericOps.NegF32)); break;
            case Opcode.F32Ceil: Call(1, F32, nameof(NumericOps.CeilF32)); break;
            case Opcode.F32Floor: Call(1, F32, nameof(NumericOps.FloorF32)); break;
            case Opcode.F32Trunc: Call(1, F32, nameof(NumericOps.TruncF32)); break;
            case Opcode.F32Nearest: Call(1, F32, nameof(NumericOps.NearestF32)); break;
            case Opcode.F32Sqrt: Call(1, F32, nameof(NumericOps.SqrtF32)); break;
            case Opcode.F32Add: Op(2, F32, OpCodes.Add); break;
            case Opcode.F32Sub: Op(2, F32, OpCodes.Sub); break;
            case Opcode.F32Mul: Op(2, F32, OpCodes.Mul); break;
            case Opcode.F32Div: Op(2, F32, OpCodes.Div); break;
            case Opcode.F32Min: Call(2, F32, nameof(NumericOps.MinF32)); break;
            case Opcode.F32Max: Call(2, F32, nameof(NumericOps.MaxF32)); break;
            case Opcode.F32Copysign: Call(2, F32, nameof(NumericOps.CopysignF32)); break;

            case Opcode.F64Abs: Call(1, F64, nameof(NumericOps.AbsF64)); break;
            case Opcode.F64Neg: Call(1, F64, nameof(NumericOps.NegF64)); break;
            case Opcode.F64Ceil: Call(1, F64, nameof(NumericOps.CeilF64)); break;
            case Opcode.F64Floor: Call(1, F64, nameof(NumericOps.FloorF64)); break;
            case Opcode.F64Trunc: Call(1, F64, nameof(NumericOps.TruncF64)); break;
            case Opcode.F64Nearest: Call(1, F64, nameof(NumericOps.NearestF64)); break;
            case Opcode.F64Sqrt: Call(1, F64, nameof(NumericOps.SqrtF64)); break;
            case Opcode.F64Add: Op(2, F64, OpCodes.Add); break;
            case Opcode.F64Sub: Op(2, F64, OpCodes.Sub); break;
            case Opcode.F64Mul: Op(2, F64, OpCodes.Mul); break;
            case Opcode.F64Div: Op(2, F64, OpCodes.Div); break;
            case Opcode.F64Min: Call(2, F64, nameof(NumericOps.MinF64)); break;
            case Opcode.F64Max: Call(2, F64, nameof(NumericOps.MaxF64)); break;
            case Opcode.F64Copysign: Call(2, F64, nameof(NumericOps.CopysignF64)); break;

            case Opcode.I32WrapI64: Op(1, I32, OpCodes.Conv_I4); break;
            case Opcode.I32TruncF32S: Call(1, I32, nameof(NumericOps.TruncF32S32)); break;
            case Opcode.I32TruncF32U: Call(1, I32, nameof(NumericOps.TruncF32U32)); break;
            case Opcode.I32TruncF64S: Call(1, I32, nameof(NumericOps.TruncF64S32)); break;
            case Opcode.I32TruncF64U: Call(1, I32, nameof(NumericOps.TruncF64U32)); break;
            case Opcode.I64ExtendI32S: Op(1, I64, OpCodes.Conv_I8); break;
            case Opcode.I64ExtendI32U: Op(1, I64, OpCodes.Conv_U8); break;
            case Opcode.I64TruncF32S: Call(1, I64, nameof(NumericOps.TruncF32S64)); break;
            case Opcode.I64TruncF32U: Call(1, I64, nameof(NumericOps.TruncF32U64)); break;
            case Opcode.I64TruncF64S: Call(1, I64, nameof(NumericOps.TruncF64S64)); break;
            case Opcode.I64TruncF64U: Call(1, I64, nameof(NumericOps.TruncF64U64)); break;
            case Opcode.F32ConvertI32S or Opcode.F32ConvertI64S: Op(1, F32, OpCodes.Conv_R4); break;
            case Opcode.F32DemoteF64: Call(1, F32, nameof(NumericOps.DemoteF64)); break;
            case Opcode.F32ConvertI32U: Call(1, F32, nameof(NumericOps.ConvertU32F32)); break;
            case Opcode.F32ConvertI64U: Call(1, F32, nameof(NumericOps.ConvertU64F32)); break;
            case Opcode.F64ConvertI32S or Opcode.F64ConvertI64S: Op(1, F64, OpCodes.Conv_R8); break;
            case Opcode.F64PromoteF32: Call(1, F64, nameof(NumericOps.PromoteF32)); break;
            case Opcode.F64ConvertI32U: Call(1, F64, nameof(NumericOps.ConvertU32F64)); break;
            case Opcode.F64ConvertI64U: Call(1, F64, nameof(NumericOps.ConvertU64F64)); break;
            case Opcode.I32ReinterpretF32: Bits(I32, nameof(BitConverter.SingleToInt32Bits)); break;
            case Opcode.I64ReinterpretF64: Bits(I64, nameof(BitConverter.DoubleToInt64Bits)); break;
            case Opcode.F32ReinterpretI32: Bits(F32, nameof(BitConverter.Int32BitsToSingle)); break;
            case Opcode.F64ReinterpretI64: Bits(F64, nameof(BitConverter.Int64BitsToDouble)); break;
            case Opcode.I32Extend8S: Op(1, I32, OpCodes.Conv_I1); break;
            case Opcode.I32Extend16S: Op(1, I32, OpCodes.Conv_I2); break;
            case Opcode.I64Extend8S: Op(1, I64, OpCodes.Conv_I1, OpCodes.Conv_I8); break;
            case Opcode.I64Extend16S: Op(1, I64, OpCodes.Conv_I2, OpCodes.Conv_I8); break;
            case Opcode.I64Extend32S: Op(1, I64, OpCodes.Conv_I4, OpCodes.Conv_I8); break;

            case Opcode.I32TruncSatF32S: Call(1, I32, nameof(NumericOps.TruncSatF32S32)); break;
            case Opcode.I32TruncSatF32U: Call(1, I32, nameof(NumericOps.TruncSatF32U32)); break;
            case Opcode.I32TruncSatF64S: Call(1, I32, nameof(NumericOps.TruncSatF64S32)); break;
            case Opcode.I32TruncSatF64U: Call(1, I32, nameof(NumericOps.TruncSatF64U32)); break;
            case Opcode.I64TruncSatF32S: Call(1, I64, nameof(NumericOps.TruncSatF32S64)); break;
            case Opcode.I64TruncSatF32U: Call(1, I64, nameof(NumericOps.TruncSatF32U64)); break;
            case Opcode.I64TruncSatF64S: Call(1, I64, nameof(NumericOps.TruncSatF64S64)); break;
            case Opcode.I64TruncSatF64U: Call(1, I64, nameof(NumericOps.TruncSatF64U64)); break;
            case Opcode.I64Add128: Wide(4, nameof(NumericOps.Add128)); break;
            case Opcode.I64Sub128: Wide(4, nameof(NumericOps.Sub128)); break;
            case Opcode.I64MulWideS: Wide(2, nameof(NumericOps.MulWideS)); break;
            case Opcode.I64MulWideU: Wide(2, nameof(NumericOps.MulWideU)); break;
            default:
                return false;
        }

        return true;
    }

    private void Op(int pops, ValType result, params OpCode[] ops)
    {
        foreach (var o in ops)
        {
            _il.Emit(o);
        }

        Pop(pops);
        Push(result);
    }

    private void Call(int pops, ValType result, string helper)
    {
        _il.Emit(OpCodes.Call, Method(typeof(NumericOps), helper));
        Pop(pops);
        Push(result);
    }

    /// <summary>A wide-arithmetic helper returning (low, high): both are pushed, low first.</summary>
    private void Wide(int pops, string helper)
    {
        _il.Emit(OpCodes.Call, Method(typeof(NumericOps), helper));
        var pair = Temp(typeof(ValueTuple<long, long>));
        _il.Emit(OpCodes.Stloc, pair);
        ClrTypes.EmitUnpack(_il, pair, [I64, I64]);
        Release(pair);
        Pop(pops);
        Push(I64);
        Push(I64);
    }

    private void Bits(ValType result, string converter)
    {
        _il.Emit(OpCodes.Call, Method(typeof(BitConverter), converter));
        Pop(1);
        Push(result);
    }

    /// <summary>Wasm shifts take the count modulo the width; IL leaves larger counts undefined, so mask (the JIT drops the mask on x64).</summary>
    private void Shift(ValType t, OpCode shift)
    {
        if (t.Kind == ValTypeKind.I64)
        {
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Ldc_I4, 63);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I4, 31);
        }

        _il.Emit(OpCodes.And);
        _il.Emit(shift);
        Pop(2);
        Push(t);
    }
}
