using Kiln.Binary;

namespace Kiln.Runtime.Gc;

/// <summary>The GC instructions allowed in constant expressions, for <see cref="ConstEval"/>.</summary>
internal static class GcConstEval
{
    /// <summary>Evaluates <paramref name="op"/> on the constant-expression stack when it is a GC instruction; false otherwise.</summary>
    public static bool TryEval(Opcode op, ref InstructionReader r, Instance inst, ref Span<Value> stack, ref int sp)
    {
        var module = inst.Module!.Module;
        var types = module.Types;
        int typeIndex = (int)r.Index;
        Value result;
        switch (op)
        {
            case Opcode.StructNew:
                {
                    var st = (StructType)types[typeIndex].Composite;
                    int n = st.Fields.Length;
                    sp -= n;
                    result = Ref(typeIndex, GcValues.NewStruct(st, inst.TypeIds[typeIndex], stack.Slice(sp, n)));
                    break;
                }

            case Opcode.StructNewDefault:
                result = Ref(typeIndex, GcValues.NewStructDefault((StructType)types[typeIndex].Composite, inst.TypeIds[typeIndex]));
                break;
            case Opcode.ArrayNew:
                {
                    int length = stack[--sp].AsI32;
                    var init = stack.Slice(--sp, 1);
                    result = Ref(typeIndex, GcValues.NewArray((ArrayType)types[typeIndex].Composite, inst.TypeIds[typeIndex], init, length));
                    break;
                }

            case Opcode.ArrayNewDefault:
                {
                    int length = stack[--sp].AsI32;
                    result = Ref(typeIndex, GcValues.NewArrayDefault((ArrayType)types[typeIndex].Composite, inst.TypeIds[typeIndex], length));
                    break;
                }

            case Opcode.ArrayNewFixed:
                {
                    int n = (int)r.Index2;
                    sp -= n;
                    result = Ref(typeIndex, GcValues.NewArray((ArrayType)types[typeIndex].Composite, inst.TypeIds[typeIndex], stack.Slice(sp, n), n));
                    break;
                }

            case Opcode.RefI31:
                result = Value.FromRef(ValType.Ref(new HeapType(HeapKind.I31), false), GcOps.RefI31(stack[--sp].AsI32));
                break;
            case Opcode.AnyConvertExtern:
                {
                    var v = stack[--sp];
                    result = Value.FromRef(ValType.Ref(new HeapType(HeapKind.Any), v.Type.Nullable), v.Ref);
                    break;
                }

            case Opcode.ExternConvertAny:
                {
                    var v = stack[--sp];
                    result = Value.FromRef(ValType.Ref(HeapType.Extern, v.Type.Nullable), v.Ref);
                    break;
                }

            default:
                return false;
        }

        SubtypeDisplay.Register(module, inst.TypeIds);

        if (sp == stack.Length)
        {
            var bigger = new Value[stack.Length * 2];
            stack.CopyTo(bigger);
            stack = bigger;
        }

        stack[sp++] = result;
        return true;
    }

    private static Value Ref(int typeIndex, object value) => Value.FromRef(ValType.Ref(HeapType.OfIndex(typeIndex), false), value);
}
