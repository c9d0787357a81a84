using Kiln.Binary;

namespace Kiln.Validation;

internal sealed partial class FunctionValidator
{
    private bool TableOrBulkInstruction(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.TableGet:
            {
                var t = Table(r.Index);
                Pop(Address(t.Is64));
                Push(t.ElementType);
                break;
            }

            case Opcode.TableSet:
            {
                var t = Table(r.Index);
                Pop(t.ElementType);
                Pop(Address(t.Is64));
                break;
            }

            case Opcode.TableSize:
                Push(Address(Table(r.Index).Is64));
                break;
            case Opcode.TableGrow:
            {
                var t = Table(r.Index);
                var at = Address(t.Is64);
                Pop(at);
                Pop(t.ElementType);
                Push(at);
                break;
            }

            case Opcode.TableFill:
            {
                var t = Table(r.Index);
                var at = Address(t.Is64);
                Pop(at);
                Pop(t.ElementType);
                Pop(at);
                break;
            }

            case Opcode.TableCopy:
            {
                var dst = Table(r.Index);
                var src = Table(r.Index2);
                if (!_types.Matches(src.ElementType, dst.ElementType))
                {
                    throw Error($"type mismatch: source element type {StackTypes.Format(src.ElementType)} does not match destination element type {StackTypes.Format(dst.ElementType)}");
                }

                Pop(Address(dst.Is64 && src.Is64));
                Pop(Address(src.Is64));
                Pop(Address(dst.Is64));
                break;
            }

            case Opcode.TableInit:
            {
                var t = Table(r.Index2);
                var et = ElementType(r.Index);
                if (!_types.Matches(et, t.ElementType))
                {
                    throw Error($"type mismatch: element segment's type {StackTypes.Format(et)} does not match table's element type {StackTypes.Format(t.ElementType)}");
                }

                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(Address(t.Is64));
                break;
            }

            case Opcode.ElemDrop:
                ElementType(r.Index);
                break;
            default:
                return false;
        }

        return true;
    }

    private bool ReferenceInstruction(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.RefNull:
                _types.Check(r.Heap, _function, _offset);
                Push(ValType.Ref(r.Heap, nullable: true));
                break;
            case Opcode.RefIsNull:
                PopRef();
                Push(ValTypeKind.I32);
                break;
            case Opcode.RefFunc:
            {
                uint f = r.Index;
                if (f >= (uint)_c.Functions.Count)
                {
                    throw Error($"unknown function {f}");
                }

                if (!_const && !_c.DeclaredFunctions.Contains((int)f))
                {
                    throw Error($"undeclared function reference {f}");
                }

                Push(ValType.Ref(HeapType.OfIndex(_c.Functions[(int)f]), nullable: false));
                break;
            }

            case Opcode.RefEq:
            {
                var eq = ValType.Ref(new HeapType(HeapKind.Eq), nullable: true);
                Pop(eq);
                Pop(eq);
                Push(ValTypeKind.I32);
                break;
            }

            case Opcode.RefAsNonNull:
            {
                var t = PopRef();
                Push(t with { Nullable = false });
                break;
            }

            case Opcode.BrOnNull:
            {
                ref var f = ref Label(r.Index);
                var t = PopRef();
                PopValues(f.LabelStart, f.LabelCount);
                PushValues(f.LabelStart, f.LabelCount);
                Push(t with { Nullable = false });
                break;
            }

            case Opcode.BrOnNonNull:
            {
                var label = LabelTypes(r.Index);
                if (label.Length == 0 || !label[^1].IsRef)
                {
                    throw Error($"type mismatch: instruction requires reference type but label has {StackTypes.Format(label)}");
                }

                Pop(label[^1] with { Nullable = true });
                var prefix = label[..^1];
                PopValues(prefix);
                PushValues(prefix);
                break;
            }

            default:
                return false;
        }

        return true;
    }
}
