using Kiln.Binary;

namespace Kiln.Validation;

internal sealed partial class FunctionValidator
{
    private bool GcInstruction(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.StructNew:
            {
                var st = StructTypeAt(r.Index);
                for (int i = st.Fields.Length - 1; i >= 0; i--)
                {
                    Pop(StackTypes.Unpacked(st.Fields[i].Type));
                }

                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.StructNewDefault:
            {
                var st = StructTypeAt(r.Index);
                foreach (var field in st.Fields)
                {
                    if (!StackTypes.IsDefaultable(field.Type))
                    {
                        throw Error("field type is not defaultable");
                    }
                }

                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.StructGet or Opcode.StructGetS or Opcode.StructGetU:
            {
                var field = Field(r.Index, r.Index2);
                if (field.Type.IsPacked != (op != Opcode.StructGet))
                {
                    throw Error(field.Type.IsPacked ? "field is packed" : "field is unpacked");
                }

                Pop(ConcreteRef(r.Index, nullable: true));
                Push(StackTypes.Unpacked(field.Type));
                break;
            }

            case Opcode.StructSet:
            {
                var field = Field(r.Index, r.Index2);
                if (!field.Mutable)
                {
                    throw Error("immutable field");
                }

                Pop(StackTypes.Unpacked(field.Type));
                Pop(ConcreteRef(r.Index, nullable: true));
                break;
            }

            case Opcode.ArrayNew:
            {
                var at = ArrayTypeAt(r.Index);
                Pop(ValTypeKind.I32);
                Pop(StackTypes.Unpacked(at.Element.Type));
                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.ArrayNewDefault:
            {
                var at = ArrayTypeAt(r.Index);
                if (!StackTypes.IsDefaultable(at.Element.Type))
                {
                    throw Error("array type is not defaultable");
                }

                Pop(ValTypeKind.I32);
                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.ArrayNewFixed:
            {
                var t = StackTypes.Unpacked(ArrayTypeAt(r.Index).Element.Type);
                ref var f = ref _frames[_fp - 1];
                for (uint i = 0; i < r.Index2; i++)
                {
                    if (_sp == f.Height && f.Unreachable)
                    {
                        break;
                    }

                    Pop(t);
                }

                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.ArrayNewData:
            {
                var at = ArrayTypeAt(r.Index);
                Data(r.Index2);
                CheckNumericElement(at);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.ArrayNewElem:
            {
                var at = ArrayTypeAt(r.Index);
                CheckElementFits(ElementType(r.Index2), at);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Push(ConcreteRef(r.Index, nullable: false));
                break;
            }

            case Opcode.ArrayGet or Opcode.ArrayGetS or Opcode.ArrayGetU:
            {
                var et = ArrayTypeAt(r.Index).Element.Type;
                if (et.IsPacked != (op != Opcode.ArrayGet))
                {
                    throw Error(et.IsPacked ? "array is packed" : "array is unpacked");
                }

                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index, nullable: true));
                Push(StackTypes.Unpacked(et));
                break;
            }

            case Opcode.ArraySet:
            {
                var at = MutableArray(r.Index);
                Pop(StackTypes.Unpacked(at.Element.Type));
                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index, nullable: true));
                break;
            }

            case Opcode.ArrayLen:
                Pop(ValType.Ref(new HeapType(HeapKind.Array), nullable: true));
                Push(ValTypeKind.I32);
                break;
            case Opcode.ArrayFill:
            {
                var at = MutableArray(r.Index);
                Pop(ValTypeKind.I32);
                Pop(StackTypes.Unpacked(at.Element.Type));
                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index, nullable: true));
                break;
            }

            case Opcode.ArrayCopy:
            {
                var dst = MutableArray(r.Index);
                var src = ArrayTypeAt(r.Index2);
                if (!_types.Matches(src.Element.Type, dst.Element.Type))
                {
                    throw Error("array types do not match");
                }

                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index2, nullable: true));
                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index, nullable: true));
                break;
            }

            case Opcode.ArrayInitData:
            {
                var at = MutableArray(r.Index);
                Data(r.Index2);
                CheckNumericElement(at);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index, nullable: true));
                break;
            }

            case Opcode.ArrayInitElem:
            {
                var at = MutableArray(r.Index);
                CheckElementFits(ElementType(r.Index2), at);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(ValTypeKind.I32);
                Pop(ConcreteRef(r.Index, nullable: true));
                break;
            }

            case Opcode.RefTest or Opcode.RefTestNull or Opcode.RefCast or Opcode.RefCastNull:
            {
                _types.Check(r.Heap, _function, _offset);
                Pop(ValType.Ref(_types.Top(r.Heap), nullable: true));
                Push(op is Opcode.RefTest or Opcode.RefTestNull
                    ? ValType.I32
                    : ValType.Ref(r.Heap, nullable: op == Opcode.RefCastNull));
                break;
            }

            case Opcode.BrOnCast or Opcode.BrOnCastFail:
                BrOnCast(op, ref r);
                break;
            case Opcode.AnyConvertExtern or Opcode.ExternConvertAny:
            {
                bool toAny = op == Opcode.AnyConvertExtern;
                var from = new HeapType(toAny ? HeapKind.Extern : HeapKind.Any);
                var t = PopRef();
                if (!_types.Matches(t, ValType.Ref(from, nullable: true)))
                {
                    throw Error($"type mismatch: instruction requires [{StackTypes.Format(ValType.Ref(from, true))}] but stack has [{StackTypes.Format(t)}]");
                }

                Push(ValType.Ref(new HeapType(toAny ? HeapKind.Any : HeapKind.Extern), t.Nullable));
                break;
            }

            case Opcode.RefI31:
                Pop(ValTypeKind.I32);
                Push(ValType.Ref(new HeapType(HeapKind.I31), nullable: false));
                break;
            case Opcode.I31GetS or Opcode.I31GetU:
                Pop(ValType.Ref(new HeapType(HeapKind.I31), nullable: true));
                Push(ValTypeKind.I32);
                break;
            default:
                return false;
        }

        return true;
    }

    private void BrOnCast(Opcode op, ref InstructionReader r)
    {
        _types.Check(r.Heap, _function, _offset);
        _types.Check(r.Heap2, _function, _offset);
        var rt1 = ValType.Ref(r.Heap, (r.CastFlags & 1) != 0);
        var rt2 = ValType.Ref(r.Heap2, (r.CastFlags & 2) != 0);
        if (!_types.Matches(rt2, rt1))
        {
            throw Error($"type mismatch on cast: type {StackTypes.Format(rt2)} does not match {StackTypes.Format(rt1)}");
        }

        // diff(rt1, rt2): what remains of rt1 when rt2 is excluded.
        var diff = rt2.Nullable ? rt1 with { Nullable = false } : rt1;
        var branch = op == Opcode.BrOnCast ? rt2 : diff;
        var fallthrough = op == Opcode.BrOnCast ? diff : rt2;
        var label = LabelTypes(r.Index);
        if (label.Length == 0 || !_types.Matches(branch, label[^1]))
        {
            throw Error($"type mismatch: instruction requires type {StackTypes.Format(branch)} but label has {StackTypes.Format(label)}");
        }

        Pop(rt1);
        var prefix = label[..^1];
        PopValues(prefix);
        PushValues(prefix);
        Push(fallthrough);
    }

    private static ValType ConcreteRef(uint index, bool nullable) => ValType.Ref(HeapType.OfIndex((int)index), nullable);

    private FieldType Field(uint type, uint field)
    {
        var st = StructTypeAt(type);
        return field < (uint)st.Fields.Length ? st.Fields[(int)field] : throw Error($"unknown field {field}");
    }

    private ArrayType MutableArray(uint index)
    {
        var at = ArrayTypeAt(index);
        return at.Element.Mutable ? at : throw Error("immutable array");
    }

    private void CheckNumericElement(ArrayType at)
    {
        var t = StackTypes.Unpacked(at.Element.Type);
        if (t.IsRef)
        {
            throw Error("array type is not numeric or vector");
        }
    }

    private void CheckElementFits(ValType elementType, ArrayType at)
    {
        if (!_types.Matches(elementType, at.Element.Type))
        {
            throw Error($"type mismatch: element segment's type {StackTypes.Format(elementType)} does not match array's field type {StackTypes.Format(at.Element.Type)}");
        }
    }
}
