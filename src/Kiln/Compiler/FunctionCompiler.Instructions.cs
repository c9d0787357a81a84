using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Compiler.Simd;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>The per-instruction lowering of <see cref="FunctionCompiler"/>.</summary>
internal sealed partial class FunctionCompiler
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;
    private static readonly ValType F32 = ValType.F32;
    private static readonly ValType F64 = ValType.F64;

    private void Emit(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.Unreachable:
                _il.Emit(OpCodes.Ldc_I4, (int)TrapKind.Unreachable);
                _il.Emit(OpCodes.Call, Method(typeof(Traps), nameof(Traps.Create)));
                _il.Emit(OpCodes.Throw);
                Unreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
                EmitBlock(ControlKind.Block, r.Block);
                break;
            case Opcode.Loop:
                EmitBlock(ControlKind.Loop, r.Block);
                break;
            case Opcode.If:
                EmitBlock(ControlKind.If, r.Block);
                break;
            case Opcode.Else:
                EmitElse();
                break;
            case Opcode.End:
                EmitEnd();
                break;
            case Opcode.Br:
                EmitBranch((int)r.Index);
                Unreachable();
                break;
            case Opcode.BrIf:
                EmitBrIf((int)r.Index);
                break;
            case Opcode.BrTable:
                EmitBrTable(ref r);
                break;
            case Opcode.Return:
                EmitBranch(_frames.Count - 1);
                Unreachable();
                break;
            case Opcode.TryTable:
                EmitTryTable(ref r);
                break;
            case Opcode.Try:
                EmitTryStart(ControlKind.Try, r.Block, []);
                break;
            case Opcode.Catch:
                EmitLegacyCatch((int)r.Index);
                break;
            case Opcode.CatchAll:
                EmitLegacyCatch(-1);
                break;
            case Opcode.Delegate:
                EmitDelegate((int)r.Index);
                break;
            case Opcode.Rethrow:
                _il.Emit(OpCodes.Ldloc, _frames[^((int)r.Index + 1)].Try!.Caught!);
                _il.Emit(OpCodes.Throw);
                Unreachable();
                break;
            case Opcode.Throw:
                EmitThrow((int)r.Index);
                break;
            case Opcode.ThrowRef:
                Pop();
                _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Rethrow)));
                _il.Emit(OpCodes.Throw);
                Unreachable();
                break;
            case Opcode.Call:
                EmitCall((int)r.Index, tail: false);
                break;
            case Opcode.ReturnCall:
                EmitCall((int)r.Index, tail: true);
                break;
            case Opcode.CallIndirect:
                EmitCallIndirect((int)r.Index, (int)r.Index2, tail: false);
                break;
            case Opcode.ReturnCallIndirect:
                EmitCallIndirect((int)r.Index, (int)r.Index2, tail: true);
                break;
            case Opcode.CallRef:
                EmitCallRef((int)r.Index, tail: false);
                break;
            case Opcode.ReturnCallRef:
                EmitCallRef((int)r.Index, tail: true);
                break;
            case Opcode.Drop:
                Pop();
                _il.Emit(OpCodes.Pop);
                break;
            case Opcode.Select or Opcode.SelectT:
                EmitSelect();
                break;
            case Opcode.LocalGet:
                EmitLocalGet((int)r.Index);
                break;
            case Opcode.LocalSet:
                EmitLocalSet((int)r.Index, tee: false);
                break;
            case Opcode.LocalTee:
                EmitLocalSet((int)r.Index, tee: true);
                break;
            case Opcode.GlobalGet:
                EmitGlobalGet((int)r.Index);
                break;
            case Opcode.GlobalSet:
                EmitGlobalSet((int)r.Index);
                break;
            case Opcode.TableGet:
                EmitTableGet((int)r.Index);
                break;
            case Opcode.TableSet:
                EmitTableSet((int)r.Index);
                break;
            case Opcode.I32Const:
                _il.Emit(OpCodes.Ldc_I4, (int)r.Value);
                Push(I32);
                break;
            case Opcode.I64Const:
                _il.Emit(OpCodes.Ldc_I8, r.Value);
                Push(I64);
                break;
            case Opcode.F32Const:
                EmitF32Const((int)r.Value);
                break;
            case Opcode.F64Const:
                EmitF64Const(r.Value);
                break;
            case Opcode.V128Const:
                _il.Emit(OpCodes.Ldc_I8, (long)r.V128Low);
                _il.Emit(OpCodes.Ldc_I8, (long)r.V128High);
                _il.Emit(OpCodes.Call, typeof(FunctionCompiler).GetMethod(nameof(V128FromHalves), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!);
                Push(ValType.V128);
                break;
            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldnull);
                Push(ValType.Ref(r.Heap, true));
                break;
            case Opcode.RefIsNull:
                Pop();
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Push(I32);
                break;
            case Opcode.RefFunc:
                EmitInstanceElement(FunctionsField, (int)r.Index);
                Push(ValType.Ref(HeapType.OfIndex(_m.FunctionTypeIndex((int)r.Index)), false));
                break;
            case Opcode.RefEq:
                Pop(2);
                _il.Emit(OpCodes.Call, Method(typeof(RefOps), nameof(RefOps.Eq)));
                Push(I32);
                break;
            case Opcode.RefAsNonNull:
                EmitRefAsNonNull();
                break;
            case Opcode.BrOnNull:
                EmitBrOnNull((int)r.Index);
                break;
            case Opcode.BrOnNonNull:
                EmitBrOnNonNull((int)r.Index);
                break;
            case Opcode.MemorySize:
                EmitMemorySize((int)r.Index);
                break;
            case Opcode.MemoryGrow:
                EmitMemoryGrow((int)r.Index);
                break;
            case Opcode.MemoryInit:
                {
                    uint seg = r.Index, mem = r.Index2;
                    EmitBulk(3, [true, true, true], Method(typeof(BulkOps), nameof(BulkOps.MemoryInit)), before: () =>
                    {
                        _il.Emit(OpCodes.Ldarg, CtxArg);
                        _il.Emit(OpCodes.Ldloc, _memObj[mem]!);
                        _il.Emit(OpCodes.Ldc_I4, (int)seg);
                    });
                    break;
                }

            case Opcode.DataDrop:
                _il.Emit(OpCodes.Ldarg, CtxArg);
                _il.Emit(OpCodes.Ldc_I4, (int)r.Index);
                _il.Emit(OpCodes.Call, Method(typeof(BulkOps), nameof(BulkOps.DataDrop)));
                break;
            case Opcode.MemoryCopy:
                {
                    uint dst = r.Index, src = r.Index2;
                    EmitBulk(3, [true, true, true], Method(typeof(BulkOps), nameof(BulkOps.MemoryCopy)), before: () =>
                    {
                        _il.Emit(OpCodes.Ldloc, _memObj[dst]!);
                        _il.Emit(OpCodes.Ldloc, _memObj[src]!);
                    });
                    break;
                }

            case Opcode.MemoryFill:
                {
                    uint mem = r.Index;
                    EmitBulk(3, [true, false, true], Method(typeof(BulkOps), nameof(BulkOps.MemoryFill)), before: () => _il.Emit(OpCodes.Ldloc, _memObj[mem]!));
                    break;
                }

            case Opcode.TableInit:
                {
                    uint seg = r.Index, table = r.Index2;
                    EmitBulk(3, [true, true, true], Method(typeof(BulkOps), nameof(BulkOps.TableInit)), before: () =>
                    {
                        _il.Emit(OpCodes.Ldarg, CtxArg);
                        EmitLoadTable((int)table);
                        _il.Emit(OpCodes.Ldc_I4, (int)seg);
                    });
                    break;
                }

            case Opcode.ElemDrop:
                _il.Emit(OpCodes.Ldarg, CtxArg);
                _il.Emit(OpCodes.Ldc_I4, (int)r.Index);
                _il.Emit(OpCodes.Call, Method(typeof(BulkOps), nameof(BulkOps.ElemDrop)));
                break;
            case Opcode.TableCopy:
                {
                    uint dst = r.Index, src = r.Index2;
                    EmitBulk(3, [true, true, true], Method(typeof(BulkOps), nameof(BulkOps.TableCopy)), before: () =>
                    {
                        EmitLoadTable((int)dst);
                        EmitLoadTable((int)src);
                    });
                    break;
                }

            case Opcode.TableGrow:
                {
                    uint table = r.Index;
                    bool is64 = TableIs64((int)table);
                    EmitBulk(2, [false, true], Method(typeof(BulkOps), nameof(BulkOps.TableGrow)), before: () => EmitLoadTable((int)table));
                    if (!is64)
                    {
                        _il.Emit(OpCodes.Conv_I4);
                    }

                    Push(is64 ? I64 : I32);
                    break;
                }

            case Opcode.TableSize:
                EmitLoadTable((int)r.Index);
                _il.Emit(OpCodes.Ldfld, ElementsField);
                _il.Emit(OpCodes.Ldlen);
                if (TableIs64((int)r.Index))
                {
                    _il.Emit(OpCodes.Conv_U8);
                    Push(I64);
                }
                else
                {
                    _il.Emit(OpCodes.Conv_I4);
                    Push(I32);
                }

                break;
            case Opcode.TableFill:
                {
                    uint table = r.Index;
                    EmitBulk(3, [true, false, true], Method(typeof(BulkOps), nameof(BulkOps.TableFill)), before: () => EmitLoadTable((int)table));
                    break;
                }

            default:
                if (!EmitNumeric(op) && !EmitMemoryAccess(op, r.MemArg) && !EmitSimd(op, ref r) && !EmitAtomic(op, r.MemArg) && !EmitGc(op, ref r))
                {
                    throw new NotSupportedException($"instruction {OpcodeTable.Get(op).Name} is not supported");
                }

                break;
        }
    }

    private static Vector128<byte> V128FromHalves(long low, long high) => Vector128.Create(low, high).AsByte();

    /// <summary>Calls a runtime helper with the top <paramref name="count"/> operands (widened to u64 where <paramref name="widen"/> says) after what <paramref name="before"/> pushes.</summary>
    private void EmitBulk(int count, bool[] widen, System.Reflection.MethodInfo helper, Action before)
    {
        var args = Spill(count);
        before();
        for (int i = 0; i < count; i++)
        {
            Reload(args[i], widen[i]);
        }

        _il.Emit(OpCodes.Call, helper);
    }

    private void EmitSelect()
    {
        Pop();
        var t = _stack[^1];
        var cond = Temp(typeof(int));
        var b = Temp(ClrTypes.Of(t));
        _il.Emit(OpCodes.Stloc, cond);
        _il.Emit(OpCodes.Stloc, b);
        Pop();
        var keepA = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, cond);
        _il.Emit(OpCodes.Brtrue, keepA);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, b);
        _il.MarkLabel(keepA);
        Release(cond);
        Release(b);
    }

    /// <summary>
    /// Loads an <see cref="OpaqueConstants"/> element. The array is read after the index: a persisted assembly's index
    /// slots are filled by its type initializer, which may replace the array, so an array read first could lack it.
    /// </summary>
    private void EmitOpaqueConstant(FieldInfo array, Action emitIndex, OpCode load)
    {
        var index = Temp(typeof(int));
        emitIndex();
        _il.Emit(OpCodes.Stloc, index);
        _il.Emit(OpCodes.Ldsfld, array);
        _il.Emit(OpCodes.Ldloc, index);
        _il.Emit(load);
        Release(index);
    }

    private void EmitF32Const(int bits)
    {
        if (OpaqueConstants.NeedsF32(bits))
        {
            EmitOpaqueConstant(typeof(OpaqueConstants).GetField(nameof(OpaqueConstants.F32))!, () => EmitF32ConstantIndex(bits), OpCodes.Ldelem_R4);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R4, BitConverter.Int32BitsToSingle(bits));
        }

        Push(F32);
    }

    private void EmitF64Const(long bits)
    {
        if (OpaqueConstants.NeedsF64(bits))
        {
            EmitOpaqueConstant(typeof(OpaqueConstants).GetField(nameof(OpaqueConstants.F64))!, () => EmitF64ConstantIndex(bits), OpCodes.Ldelem_R8);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R8, BitConverter.Int64BitsToDouble(bits));
        }

        Push(F64);
    }

    private void EmitTableGet(int table)
    {
        var index = Spill(1)[0];
        EmitLoadTable(table);
        Reload(index, true);
        _il.Emit(OpCodes.Call, Method(typeof(BulkOps), nameof(BulkOps.TableGet)));
        Push(TableElementType(table));
    }

    private void EmitTableSet(int table)
    {
        var args = Spill(2);
        EmitLoadTable(table);
        Reload(args[0], true);
        Reload(args[1], false);
        _il.Emit(OpCodes.Call, Method(typeof(BulkOps), nameof(BulkOps.TableSet)));
    }

    private ValType TableElementType(int i) => _m.TableTypeAt(i).ElementType;

    private void EmitRefAsNonNull()
    {
        var t = Pop();
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Brtrue, ok);
        _il.Emit(OpCodes.Call, Method(typeof(Traps), nameof(Traps.NullReference)));
        _il.MarkLabel(ok);
        Push(t with { Nullable = false });
    }

    private void EmitBrOnNull(int depth)
    {
        var t = Pop();
        var nonNull = _il.DefineLabel();
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Brtrue, nonNull);
        _il.Emit(OpCodes.Pop);
        EmitBranch(depth);
        _il.MarkLabel(nonNull);
        Push(t with { Nullable = false });
    }

    private void EmitBrOnNonNull(int depth)
    {
        var t = Pop();
        var isNull = _il.DefineLabel();
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Brfalse, isNull);
        Push(t with { Nullable = false });
        EmitBranch(depth);
        Pop();
        _il.MarkLabel(isNull);
        _il.Emit(OpCodes.Pop);
    }

    // ---- memory ----

    private void EmitMemorySize(int mem)
    {
        var type = _m.MemoryTypeAt(mem);
        _il.Emit(OpCodes.Ldloc, _memLength[mem]!);
        _il.Emit(OpCodes.Ldc_I4, type.PageSizeLog2);
        _il.Emit(OpCodes.Shr_Un);
        if (!type.Is64)
        {
            _il.Emit(OpCodes.Conv_I4);
        }

        Push(type.Is64 ? I64 : I32);
    }

    private void EmitMemoryGrow(int mem)
    {
        var type = _m.MemoryTypeAt(mem);
        EmitBulk(1, [true], Method(typeof(BulkOps), nameof(BulkOps.MemoryGrow)), before: () => _il.Emit(OpCodes.Ldloc, _memObj[mem]!));
        ReloadMemoryLengths();
        if (!type.Is64)
        {
            _il.Emit(OpCodes.Conv_I4);
        }

        Push(type.Is64 ? I64 : I32);
    }

    /// <summary>
    /// With an address on the stack, checks <c>address + offset + size &lt;= length</c> (one compare; memory64 adds with
    /// saturation) and leaves the native pointer <c>base + address + offset</c>. <paramref name="stackIsModel"/> says
    /// that nothing but the operand stack model lies under the address on the IL stack, so that with an empty model
    /// outside any try region the check can jump to the function's one trap block instead of calling in line: a basic
    /// block less per access, which keeps big functions under RyuJIT's 2,000-block limit for optimising.
    /// </summary>
    private void EmitAddress(MemArg arg, int size, bool stackIsModel = false)
    {
        int mem = (int)arg.MemoryIndex;
        bool is64 = _m.MemoryTypeAt(mem).Is64;
        var ea = Temp(typeof(ulong));
        if (!is64)
        {
            _il.Emit(OpCodes.Conv_U8);
        }

        _il.Emit(OpCodes.Stloc, ea);
        ulong end = arg.Offset + (ulong)size;
        _il.Emit(OpCodes.Ldloc, ea);
        if (end < arg.Offset)
        {
            // offset + size overflows: no address is in bounds.
            _il.Emit(OpCodes.Pop);
            _il.Emit(OpCodes.Ldc_I8, -1L);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I8, (long)end);
            if (is64)
            {
                _il.Emit(OpCodes.Call, Method(typeof(NumericOps), nameof(NumericOps.AddSat)));
            }
            else
            {
                _il.Emit(OpCodes.Add);
            }
        }

        _il.Emit(OpCodes.Ldloc, _memLength[mem]!);
        if (stackIsModel && _stack.Count == 0 && !_frames.Exists(static f => f.Try is not null))
        {
            _memoryTrap ??= _il.DefineLabel();
            _il.Emit(OpCodes.Bgt_Un, _memoryTrap.Value);
        }
        else
        {
            var ok = _il.DefineLabel();
            _il.Emit(OpCodes.Ble_Un, ok);
            _il.Emit(OpCodes.Call, Method(typeof(Traps), nameof(Traps.MemoryOutOfBounds)));
            _il.MarkLabel(ok);
        }

        _il.Emit(OpCodes.Ldloc, _memBase[mem]!);
        _il.Emit(OpCodes.Ldloc, ea);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Add);
        if (arg.Offset != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)arg.Offset);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Add);
        }

        Release(ea);
    }

    private bool EmitMemoryAccess(Opcode op, MemArg arg)
    {
        switch (op)
        {
            case Opcode.I32Load: Load(arg, 4, I32, OpCodes.Ldind_I4); break;
            case Opcode.I64Load: Load(arg, 8, I64, OpCodes.Ldind_I8); break;
            case Opcode.F32Load: Load(arg, 4, F32, OpCodes.Ldind_R4); break;
            case Opcode.F64Load: Load(arg, 8, F64, OpCodes.Ldind_R8); break;
            case Opcode.I32Load8S: Load(arg, 1, I32, OpCodes.Ldind_I1); break;
            case Opcode.I32Load8U: Load(arg, 1, I32, OpCodes.Ldind_U1); break;
            case Opcode.I32Load16S: Load(arg, 2, I32, OpCodes.Ldind_I2); break;
            case Opcode.I32Load16U: Load(arg, 2, I32, OpCodes.Ldind_U2); break;
            case Opcode.I64Load8S: Load(arg, 1, I64, OpCodes.Ldind_I1, OpCodes.Conv_I8); break;
            case Opcode.I64Load8U: Load(arg, 1, I64, OpCodes.Ldind_U1, OpCodes.Conv_U8); break;
            case Opcode.I64Load16S: Load(arg, 2, I64, OpCodes.Ldind_I2, OpCodes.Conv_I8); break;
            case Opcode.I64Load16U: Load(arg, 2, I64, OpCodes.Ldind_U2, OpCodes.Conv_U8); break;
            case Opcode.I64Load32S: Load(arg, 4, I64, OpCodes.Ldind_I4, OpCodes.Conv_I8); break;
            case Opcode.I64Load32U: Load(arg, 4, I64, OpCodes.Ldind_U4, OpCodes.Conv_U8); break;
            case Opcode.I32Store: Store(arg, 4, OpCodes.Stind_I4); break;
            case Opcode.I64Store: Store(arg, 8, OpCodes.Stind_I8); break;
            case Opcode.F32Store: Store(arg, 4, OpCodes.Stind_R4); break;
            case Opcode.F64Store: Store(arg, 8, OpCodes.Stind_R8); break;
            case Opcode.I32Store8: Store(arg, 1, OpCodes.Stind_I1); break;
            case Opcode.I32Store16: Store(arg, 2, OpCodes.Stind_I2); break;
            case Opcode.I64Store8: Store(arg, 1, OpCodes.Stind_I1, narrow: true); break;
            case Opcode.I64Store16: Store(arg, 2, OpCodes.Stind_I2, narrow: true); break;
            case Opcode.I64Store32: Store(arg, 4, OpCodes.Stind_I4, narrow: true); break;
            case Opcode.V128Load:
                Pop();
                EmitAddress(arg, 16, stackIsModel: true);
                _il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>));
                Push(ValType.V128);
                break;
            case Opcode.V128Store:
                {
                    var v = Spill(1)[0];
                    Pop();
                    EmitAddress(arg, 16, stackIsModel: true);
                    _il.Emit(OpCodes.Ldloc, v);
                    Release(v);
                    _il.Emit(OpCodes.Stobj, typeof(Vector128<byte>));
                    break;
                }

            default:
                return false;
        }

        return true;
    }

    private void Load(MemArg arg, int size, ValType result, OpCode load, OpCode? extend = null)
    {
        Pop();
        EmitAddress(arg, size, stackIsModel: true);
        _il.Emit(load);
        if (extend is { } e)
        {
            _il.Emit(e);
        }

        Push(result);
    }

    private void Store(MemArg arg, int size, OpCode store, bool narrow = false)
    {
        var v = Spill(1)[0];
        Pop();
        EmitAddress(arg, size, stackIsModel: true);
        _il.Emit(OpCodes.Ldloc, v);
        Release(v);
        if (narrow)
        {
            _il.Emit(OpCodes.Conv_I4);
        }

        _il.Emit(store);
    }

    /// <summary>SIMD instructions: one call each to the helper the SIMD table names (see <see cref="SimdOperations"/> for the contract).</summary>
    private bool EmitSimd(Opcode op, ref InstructionReader r)
    {
        if (!SimdOperations.TryGet(op, out var simd))
        {
            return false;
        }

        if (simd.Immediate is ImmediateKind.MemArg or ImmediateKind.MemArgLane)
        {
            LocalBuilder[] rest = Spill(simd.Pops - 1);
            Pop();
            EmitAddress(r.MemArg, simd.AccessSize, stackIsModel: true);
            foreach (var l in rest)
            {
                Reload(l, false);
            }
        }
        else
        {
            Pop(simd.Pops);
        }

        switch (simd.Immediate)
        {
            case ImmediateKind.Lane or ImmediateKind.MemArgLane:
                _il.Emit(OpCodes.Ldc_I4, (int)r.Index);
                break;
            case ImmediateKind.V128 or ImmediateKind.Shuffle:
                _il.Emit(OpCodes.Ldc_I8, (long)r.V128Low);
                _il.Emit(OpCodes.Ldc_I8, (long)r.V128High);
                break;
        }

        _il.Emit(OpCodes.Call, simd.Method);
        if (simd.Pushes)
        {
            var ret = simd.Method.ReturnType;
            Push(ret == typeof(int) ? I32 : ret == typeof(long) ? I64 : ret == typeof(float) ? F32 : ret == typeof(double) ? F64 : ValType.V128);
        }

        return true;
    }
}
