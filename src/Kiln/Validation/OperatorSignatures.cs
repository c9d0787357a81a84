using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// Operand and result types of the instructions whose typing depends on nothing but the opcode (numeric,
/// most SIMD), so that the validator handles them with one table lookup instead of a case each.
/// </summary>
internal static class OperatorSignatures
{
    private const ValTypeKind I = ValTypeKind.I32;
    private const ValTypeKind L = ValTypeKind.I64;
    private const ValTypeKind F = ValTypeKind.F32;
    private const ValTypeKind D = ValTypeKind.F64;
    private const ValTypeKind V = ValTypeKind.V128;

    private static readonly OperatorSignature[] OneByte = new OperatorSignature[256];
    private static readonly OperatorSignature[][] Prefixed = [new OperatorSignature[0x120], new OperatorSignature[0x120], new OperatorSignature[0x120], new OperatorSignature[0x120]];

    static OperatorSignatures()
    {
        Set(Opcode.I32Const, new(0, 0, 0, I));
        Set(Opcode.I64Const, new(0, 0, 0, L));
        Set(Opcode.F32Const, new(0, 0, 0, F));
        Set(Opcode.F64Const, new(0, 0, 0, D));
        Set(Opcode.I32Eqz, new(I, 0, 0, I));
        Range(Opcode.I32Eq, Opcode.I32GeU, new(I, I, 0, I));
        Set(Opcode.I64Eqz, new(L, 0, 0, I));
        Range(Opcode.I64Eq, Opcode.I64GeU, new(L, L, 0, I));
        Range(Opcode.F32Eq, Opcode.F32Ge, new(F, F, 0, I));
        Range(Opcode.F64Eq, Opcode.F64Ge, new(D, D, 0, I));
        Range(Opcode.I32Clz, Opcode.I32Popcnt, new(I, 0, 0, I));
        Range(Opcode.I32Add, Opcode.I32Rotr, new(I, I, 0, I));
        Range(Opcode.I64Clz, Opcode.I64Popcnt, new(L, 0, 0, L));
        Range(Opcode.I64Add, Opcode.I64Rotr, new(L, L, 0, L));
        Range(Opcode.F32Abs, Opcode.F32Sqrt, new(F, 0, 0, F));
        Range(Opcode.F32Add, Opcode.F32Copysign, new(F, F, 0, F));
        Range(Opcode.F64Abs, Opcode.F64Sqrt, new(D, 0, 0, D));
        Range(Opcode.F64Add, Opcode.F64Copysign, new(D, D, 0, D));
        Set(Opcode.I32WrapI64, new(L, 0, 0, I));
        Range(Opcode.I32TruncF32S, Opcode.I32TruncF32U, new(F, 0, 0, I));
        Range(Opcode.I32TruncF64S, Opcode.I32TruncF64U, new(D, 0, 0, I));
        Range(Opcode.I64ExtendI32S, Opcode.I64ExtendI32U, new(I, 0, 0, L));
        Range(Opcode.I64TruncF32S, Opcode.I64TruncF32U, new(F, 0, 0, L));
        Range(Opcode.I64TruncF64S, Opcode.I64TruncF64U, new(D, 0, 0, L));
        Range(Opcode.F32ConvertI32S, Opcode.F32ConvertI32U, new(I, 0, 0, F));
        Range(Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, new(L, 0, 0, F));
        Set(Opcode.F32DemoteF64, new(D, 0, 0, F));
        Range(Opcode.F64ConvertI32S, Opcode.F64ConvertI32U, new(I, 0, 0, D));
        Range(Opcode.F64ConvertI64S, Opcode.F64ConvertI64U, new(L, 0, 0, D));
        Set(Opcode.F64PromoteF32, new(F, 0, 0, D));
        Set(Opcode.I32ReinterpretF32, new(F, 0, 0, I));
        Set(Opcode.I64ReinterpretF64, new(D, 0, 0, L));
        Set(Opcode.F32ReinterpretI32, new(I, 0, 0, F));
        Set(Opcode.F64ReinterpretI64, new(L, 0, 0, D));
        Range(Opcode.I32Extend8S, Opcode.I32Extend16S, new(I, 0, 0, I));
        Range(Opcode.I64Extend8S, Opcode.I64Extend32S, new(L, 0, 0, L));
        Range(Opcode.I32TruncSatF32S, Opcode.I32TruncSatF32U, new(F, 0, 0, I));
        Range(Opcode.I32TruncSatF64S, Opcode.I32TruncSatF64U, new(D, 0, 0, I));
        Range(Opcode.I64TruncSatF32S, Opcode.I64TruncSatF32U, new(F, 0, 0, L));
        Range(Opcode.I64TruncSatF64S, Opcode.I64TruncSatF64U, new(D, 0, 0, L));
        SetSimd();
    }

    /// <summary>The signature of <paramref name="op"/>, or <c>default</c> (<see cref="OperatorSignature.IsSimple"/> false).</summary>
    public static OperatorSignature Get(Opcode op)
    {
        int code = (int)op;
        if (code <= 0xFF)
        {
            return OneByte[code];
        }

        int sub = code & 0xFFF;
        var table = Prefixed[(code >> 12) - 0xFB];
        return sub < table.Length ? table[sub] : default;
    }

    private static void SetSimd()
    {
        Set(Opcode.V128Const, new(0, 0, 0, V));
        Set(Opcode.I8x16Swizzle, new(V, V, 0, V));
        Set(Opcode.I8x16Splat, new(I, 0, 0, V));
        Set(Opcode.I16x8Splat, new(I, 0, 0, V));
        Set(Opcode.I32x4Splat, new(I, 0, 0, V));
        Set(Opcode.I64x2Splat, new(L, 0, 0, V));
        Set(Opcode.F32x4Splat, new(F, 0, 0, V));
        Set(Opcode.F64x2Splat, new(D, 0, 0, V));
        Range(Opcode.I8x16Eq, Opcode.F64x2Ge, new(V, V, 0, V));
        Set(Opcode.V128Not, new(V, 0, 0, V));
        Range(Opcode.V128And, Opcode.V128Xor, new(V, V, 0, V));
        Set(Opcode.V128Bitselect, new(V, V, V, V));
        Set(Opcode.V128AnyTrue, new(V, 0, 0, I));
        Range(Opcode.F32x4DemoteF64x2Zero, Opcode.I8x16Popcnt, new(V, 0, 0, V));
        Range(Opcode.I8x16AllTrue, Opcode.I8x16Bitmask, new(V, 0, 0, I));
        Range(Opcode.I8x16NarrowI16x8S, Opcode.I8x16NarrowI16x8U, new(V, V, 0, V));
        Range(Opcode.F32x4Ceil, Opcode.F32x4Nearest, new(V, 0, 0, V));
        Range(Opcode.I8x16Shl, Opcode.I8x16ShrU, new(V, I, 0, V));
        Range(Opcode.I8x16Add, Opcode.I8x16SubSatU, new(V, V, 0, V));
        Range(Opcode.F64x2Ceil, Opcode.F64x2Floor, new(V, 0, 0, V));
        Range(Opcode.I8x16MinS, Opcode.I8x16MaxU, new(V, V, 0, V));
        Set(Opcode.F64x2Trunc, new(V, 0, 0, V));
        Set(Opcode.I8x16AvgrU, new(V, V, 0, V));
        Range(Opcode.I16x8ExtaddPairwiseI8x16S, Opcode.I16x8Neg, new(V, 0, 0, V));
        Set(Opcode.I16x8Q15mulrSatS, new(V, V, 0, V));
        Range(Opcode.I16x8AllTrue, Opcode.I16x8Bitmask, new(V, 0, 0, I));
        Range(Opcode.I16x8NarrowI32x4S, Opcode.I16x8NarrowI32x4U, new(V, V, 0, V));
        Range(Opcode.I16x8ExtendLowI8x16S, Opcode.I16x8ExtendHighI8x16U, new(V, 0, 0, V));
        Range(Opcode.I16x8Shl, Opcode.I16x8ShrU, new(V, I, 0, V));
        Range(Opcode.I16x8Add, Opcode.I16x8SubSatU, new(V, V, 0, V));
        Set(Opcode.F64x2Nearest, new(V, 0, 0, V));
        Range(Opcode.I16x8Mul, Opcode.I16x8MaxU, new(V, V, 0, V));
        Range(Opcode.I16x8AvgrU, Opcode.I16x8ExtmulHighI8x16U, new(V, V, 0, V));
        Range(Opcode.I32x4Abs, Opcode.I32x4Neg, new(V, 0, 0, V));
        Range(Opcode.I32x4AllTrue, Opcode.I32x4Bitmask, new(V, 0, 0, I));
        Range(Opcode.I32x4ExtendLowI16x8S, Opcode.I32x4ExtendHighI16x8U, new(V, 0, 0, V));
        Range(Opcode.I32x4Shl, Opcode.I32x4ShrU, new(V, I, 0, V));
        Set(Opcode.I32x4Add, new(V, V, 0, V));
        Set(Opcode.I32x4Sub, new(V, V, 0, V));
        Range(Opcode.I32x4Mul, Opcode.I32x4DotI16x8S, new(V, V, 0, V));
        Range(Opcode.I32x4ExtmulLowI16x8S, Opcode.I32x4ExtmulHighI16x8U, new(V, V, 0, V));
        Range(Opcode.I64x2Abs, Opcode.I64x2Neg, new(V, 0, 0, V));
        Range(Opcode.I64x2AllTrue, Opcode.I64x2Bitmask, new(V, 0, 0, I));
        Range(Opcode.I64x2ExtendLowI32x4S, Opcode.I64x2ExtendHighI32x4U, new(V, 0, 0, V));
        Range(Opcode.I64x2Shl, Opcode.I64x2ShrU, new(V, I, 0, V));
        Set(Opcode.I64x2Add, new(V, V, 0, V));
        Set(Opcode.I64x2Sub, new(V, V, 0, V));
        Range(Opcode.I64x2Mul, Opcode.I64x2ExtmulHighI32x4U, new(V, V, 0, V));
        Range(Opcode.F32x4Abs, Opcode.F32x4Neg, new(V, 0, 0, V));
        Set(Opcode.F32x4Sqrt, new(V, 0, 0, V));
        Range(Opcode.F32x4Add, Opcode.F32x4Pmax, new(V, V, 0, V));
        Range(Opcode.F64x2Abs, Opcode.F64x2Neg, new(V, 0, 0, V));
        Set(Opcode.F64x2Sqrt, new(V, 0, 0, V));
        Range(Opcode.F64x2Add, Opcode.F64x2Pmax, new(V, V, 0, V));
        Range(Opcode.I32x4TruncSatF32x4S, Opcode.F64x2ConvertLowI32x4U, new(V, 0, 0, V));
        Set(Opcode.I8x16RelaxedSwizzle, new(V, V, 0, V));
        Range(Opcode.I32x4RelaxedTruncF32x4S, Opcode.I32x4RelaxedTruncF64x2UZero, new(V, 0, 0, V));
        Range(Opcode.F32x4RelaxedMadd, Opcode.I64x2RelaxedLaneselect, new(V, V, V, V));
        Range(Opcode.F32x4RelaxedMin, Opcode.I16x8RelaxedDotI8x16I7x16S, new(V, V, 0, V));
        Set(Opcode.I32x4RelaxedDotI8x16I7x16AddS, new(V, V, V, V));
    }

    private static void Set(Opcode op, OperatorSignature sig)
    {
        int code = (int)op;
        if (code <= 0xFF)
        {
            OneByte[code] = sig;
        }
        else
        {
            Prefixed[(code >> 12) - 0xFB][code & 0xFFF] = sig;
        }
    }

    /// <summary>Sets every defined opcode from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    private static void Range(Opcode first, Opcode last, OperatorSignature sig)
    {
        for (int code = (int)first; code <= (int)last; code++)
        {
            if (Enum.IsDefined((Opcode)code))
            {
                Set((Opcode)code, sig);
            }
        }
    }
}
