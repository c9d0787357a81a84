using Kiln.Binary;

namespace Kiln.Validation;

internal sealed partial class FunctionValidator
{
    private bool VectorInstruction(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.I8x16ExtractLaneS or Opcode.I8x16ExtractLaneU: ExtractLane(r.Index, 16, ValType.I32); break;
            case Opcode.I16x8ExtractLaneS or Opcode.I16x8ExtractLaneU: ExtractLane(r.Index, 8, ValType.I32); break;
            case Opcode.I32x4ExtractLane: ExtractLane(r.Index, 4, ValType.I32); break;
            case Opcode.I64x2ExtractLane: ExtractLane(r.Index, 2, ValType.I64); break;
            case Opcode.F32x4ExtractLane: ExtractLane(r.Index, 4, ValType.F32); break;
            case Opcode.F64x2ExtractLane: ExtractLane(r.Index, 2, ValType.F64); break;
            case Opcode.I8x16ReplaceLane: ReplaceLane(r.Index, 16, ValType.I32); break;
            case Opcode.I16x8ReplaceLane: ReplaceLane(r.Index, 8, ValType.I32); break;
            case Opcode.I32x4ReplaceLane: ReplaceLane(r.Index, 4, ValType.I32); break;
            case Opcode.I64x2ReplaceLane: ReplaceLane(r.Index, 2, ValType.I64); break;
            case Opcode.F32x4ReplaceLane: ReplaceLane(r.Index, 4, ValType.F32); break;
            case Opcode.F64x2ReplaceLane: ReplaceLane(r.Index, 2, ValType.F64); break;
            case Opcode.I8x16Shuffle:
                // Every lane byte selects one of the 32 bytes of the two operands.
                if (((r.V128Low | r.V128High) & 0xE0E0E0E0E0E0E0E0UL) != 0)
                {
                    throw Error("invalid lane index");
                }

                Pop(ValTypeKind.V128);
                Pop(ValTypeKind.V128);
                Push(ValTypeKind.V128);
                break;
            default:
                return false;
        }

        return true;
    }

    private void ExtractLane(uint lane, uint lanes, ValType result)
    {
        if (lane >= lanes)
        {
            throw Error("invalid lane index");
        }

        Pop(ValTypeKind.V128);
        Push(result);
    }

    private void ReplaceLane(uint lane, uint lanes, ValType scalar)
    {
        if (lane >= lanes)
        {
            throw Error("invalid lane index");
        }

        Pop(scalar);
        Pop(ValTypeKind.V128);
        Push(ValTypeKind.V128);
    }
}
