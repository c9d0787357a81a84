using Kiln.Binary;

namespace Kiln.Runtime.Gc;

/// <summary>Builds structs and arrays from <see cref="Value"/>s, for constant expressions and the host side.</summary>
internal static class GcValues
{
    public static WasmStruct NewStruct(StructType type, int typeId, ReadOnlySpan<Value> fields)
    {
        var layout = StructLayout.Of(type);
        var s = WasmStruct.New(typeId, layout.BitSlots, layout.RefSlots);
        for (int i = 0; i < fields.Length; i++)
        {
            var t = type.Fields[i].Type;
            int slot = layout.Slots[i];
            if (t.IsRef)
            {
                s.Refs[slot] = fields[i].Ref;
            }
            else
            {
                // Value keeps i32 and f32 zero-extended, the form generated code stores too.
                s.Bits[slot] = fields[i].Bits;
                if (t.Kind == ValTypeKind.V128)
                {
                    s.Bits[slot + 1] = fields[i].High;
                }
            }
        }

        return s;
    }

    public static WasmStruct NewStructDefault(StructType type, int typeId)
    {
        var layout = StructLayout.Of(type);
        return WasmStruct.New(typeId, layout.BitSlots, layout.RefSlots);
    }

    /// <summary><c>array.new</c> (one value repeated) or, with <paramref name="values"/> of any other length, <c>array.new_fixed</c>.</summary>
    public static WasmArray NewArray(ArrayType type, int typeId, ReadOnlySpan<Value> values, int length)
    {
        return type.Element.Type.Kind switch
        {
            ValTypeKind.I8 => Fill(typeId, values, length, static v => (byte)v.Bits),
            ValTypeKind.I16 => Fill(typeId, values, length, static v => (ushort)v.Bits),
            ValTypeKind.I32 => Fill(typeId, values, length, static v => v.AsI32),
            ValTypeKind.I64 => Fill(typeId, values, length, static v => v.AsI64),
            ValTypeKind.F32 => Fill(typeId, values, length, static v => v.AsF32),
            ValTypeKind.F64 => Fill(typeId, values, length, static v => v.AsF64),
            ValTypeKind.V128 => Fill(typeId, values, length, static v => v.AsV128),
            _ => Fill(typeId, values, length, static v => v.Ref),
        };
    }

    public static WasmArray NewArrayDefault(ArrayType type, int typeId, int length) => NewArray(type, typeId, [], length);

    private static WasmArray<T> Fill<T>(int typeId, ReadOnlySpan<Value> values, int length, Func<Value, T> convert)
    {
        var array = WasmArray<T>.NewDefault(length, typeId);
        if (values.Length == 1)
        {
            Array.Fill(array.Items, convert(values[0]));
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                array.Items[i] = convert(values[i]);
            }
        }

        return array;
    }
}
