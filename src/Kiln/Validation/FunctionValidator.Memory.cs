using Kiln.Binary;

namespace Kiln.Validation;

internal sealed partial class FunctionValidator
{
    private bool MemoryInstruction(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.I32Load: Load(ref r, 2, ValType.I32); break;
            case Opcode.I64Load: Load(ref r, 3, ValType.I64); break;
            case Opcode.F32Load: Load(ref r, 2, ValType.F32); break;
            case Opcode.F64Load: Load(ref r, 3, ValType.F64); break;
            case Opcode.I32Load8S or Opcode.I32Load8U: Load(ref r, 0, ValType.I32); break;
            case Opcode.I32Load16S or Opcode.I32Load16U: Load(ref r, 1, ValType.I32); break;
            case Opcode.I64Load8S or Opcode.I64Load8U: Load(ref r, 0, ValType.I64); break;
            case Opcode.I64Load16S or Opcode.I64Load16U: Load(ref r, 1, ValType.I64); break;
            case Opcode.I64Load32S or Opcode.I64Load32U: Load(ref r, 2, ValType.I64); break;
            case Opcode.I32Store: Store(ref r, 2, ValType.I32); break;
            case Opcode.I64Store: Store(ref r, 3, ValType.I64); break;
            case Opcode.F32Store: Store(ref r, 2, ValType.F32); break;
            case Opcode.F64Store: Store(ref r, 3, ValType.F64); break;
            case Opcode.I32Store8: Store(ref r, 0, ValType.I32); break;
            case Opcode.I32Store16: Store(ref r, 1, ValType.I32); break;
            case Opcode.I64Store8: Store(ref r, 0, ValType.I64); break;
            case Opcode.I64Store16: Store(ref r, 1, ValType.I64); break;
            case Opcode.I64Store32: Store(ref r, 2, ValType.I64); break;
            case Opcode.V128Load: Load(ref r, 4, ValType.V128); break;
            case Opcode.V128Load8x8S or Opcode.V128Load8x8U or Opcode.V128Load16x4S or Opcode.V128Load16x4U
                or Opcode.V128Load32x2S or Opcode.V128Load32x2U: Load(ref r, 3, ValType.V128); break;
            case Opcode.V128Load8Splat: Load(ref r, 0, ValType.V128); break;
            case Opcode.V128Load16Splat: Load(ref r, 1, ValType.V128); break;
            case Opcode.V128Load32Splat or Opcode.V128Load32Zero: Load(ref r, 2, ValType.V128); break;
            case Opcode.V128Load64Splat or Opcode.V128Load64Zero: Load(ref r, 3, ValType.V128); break;
            case Opcode.V128Store: Store(ref r, 4, ValType.V128); break;
            case Opcode.V128Load8Lane: LoadLane(ref r, 0, false); break;
            case Opcode.V128Load16Lane: LoadLane(ref r, 1, false); break;
            case Opcode.V128Load32Lane: LoadLane(ref r, 2, false); break;
            case Opcode.V128Load64Lane: LoadLane(ref r, 3, false); break;
            case Opcode.V128Store8Lane: LoadLane(ref r, 0, true); break;
            case Opcode.V128Store16Lane: LoadLane(ref r, 1, true); break;
            case Opcode.V128Store32Lane: LoadLane(ref r, 2, true); break;
            case Opcode.V128Store64Lane: LoadLane(ref r, 3, true); break;
            case Opcode.MemorySize:
                Push(Address(Memory(r.Index).Is64));
                break;
            case Opcode.MemoryGrow:
            {
                var at = Address(Memory(r.Index).Is64);
                Pop(at);
                Push(at);
                break;
            }

            case Opcode.MemoryFill:
            {
                var at = Address(Memory(r.Index).Is64);
                Pop(at);
                Pop(ValTypeKind.I32);
                Pop(at);
                break;
            }

            case Opcode.MemoryCopy:
            {
                bool dst64 = Memory(r.Index).Is64;
                bool src64 = Memory(r.Index2).Is64;
                Pop(Address(dst64 && src64));
                Pop(Address(src64));
                Pop(Address(dst64));
                break;
            }

            case Opcode.MemoryInit:
            {
                var at = Address(Memory(r.Index2).Is64);
                Data(r.Index);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(at);
                break;
            }

            case Opcode.DataDrop:
                Data(r.Index);
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>Checks a memarg against its memory and natural alignment; returns the address type.</summary>
    private ValType MemArg(in MemArg m, int naturalLog2)
    {
        if (m.AlignLog2 > (uint)naturalLog2)
        {
            throw Error("alignment must not be larger than natural");
        }

        var mem = Memory(m.MemoryIndex);
        if (!mem.Is64 && m.Offset > uint.MaxValue)
        {
            throw Error("offset out of range");
        }

        return Address(mem.Is64);
    }

    private void Load(ref InstructionReader r, int naturalLog2, ValType type)
    {
        Pop(MemArg(r.MemArg, naturalLog2));
        Push(type);
    }

    private void Store(ref InstructionReader r, int naturalLog2, ValType type)
    {
        var at = MemArg(r.MemArg, naturalLog2);
        Pop(type);
        Pop(at);
    }

    private void LoadLane(ref InstructionReader r, int naturalLog2, bool store)
    {
        var at = MemArg(r.MemArg, naturalLog2);
        if (r.Index >= 16u >> naturalLog2)
        {
            throw Error("invalid lane index");
        }

        Pop(ValTypeKind.V128);
        Pop(at);
        if (!store)
        {
            Push(ValTypeKind.V128);
        }
    }

    private bool AtomicInstruction(Opcode op, ref InstructionReader r)
    {
        int code = (int)op;
        if (code >> 12 != 0xFE)
        {
            return false;
        }

        int sub = code & 0xFFF;
        switch (op)
        {
            case Opcode.AtomicFence:
                return true;
            case Opcode.MemoryAtomicNotify:
                AtomicOp(ref r, 2, ValType.I32, 1, ValType.I32);
                return true;
            case Opcode.MemoryAtomicWait32:
            {
                var at = AtomicMemArg(r.MemArg, 2);
                Pop(ValTypeKind.I64);
                Pop(ValTypeKind.I32);
                Pop(at);
                Push(ValTypeKind.I32);
                return true;
            }

            case Opcode.MemoryAtomicWait64:
            {
                var at = AtomicMemArg(r.MemArg, 3);
                Pop(ValTypeKind.I64);
                Pop(ValTypeKind.I64);
                Pop(at);
                Push(ValTypeKind.I32);
                return true;
            }
        }

        // Loads, stores, then six read-modify-write groups and cmpxchg, each in the order
        // i32, i64, i32 8-bit, i32 16-bit, i64 8-bit, i64 16-bit, i64 32-bit.
        if (sub is < 0x10 or > 0x4E)
        {
            return false;
        }

        int group = (sub - 0x10) / 7;
        int variant = (sub - 0x10) % 7;
        var type = variant is 0 or 2 or 3 ? ValType.I32 : ValType.I64;
        int natural = variant switch
        {
            0 => 2,
            1 => 3,
            2 or 4 => 0,
            3 or 5 => 1,
            _ => 2,
        };
        switch (group)
        {
            case 0:
                Pop(AtomicMemArg(r.MemArg, natural));
                Push(type);
                break;
            case 1:
            {
                var at = AtomicMemArg(r.MemArg, natural);
                Pop(type);
                Pop(at);
                break;
            }

            case 8:
                AtomicOp(ref r, natural, type, 2, type);
                break;
            default:
                AtomicOp(ref r, natural, type, 1, type);
                break;
        }

        return true;
    }

    private void AtomicOp(ref InstructionReader r, int natural, ValType operand, int operands, ValType result)
    {
        var at = AtomicMemArg(r.MemArg, natural);
        for (int i = 0; i < operands; i++)
        {
            Pop(operand);
        }

        Pop(at);
        Push(result);
    }

    private ValType AtomicMemArg(in MemArg m, int naturalLog2)
    {
        if (m.AlignLog2 != (uint)naturalLog2)
        {
            throw Error("atomic alignment must be natural");
        }

        return MemArg(m, naturalLog2);
    }
}
