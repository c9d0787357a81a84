using System.Text;
using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// The extra types the validation algorithm needs beyond those a module can write: the unknown value type
/// popped from an unreachable (polymorphic) stack and the bottom heap type, plus message formatting.
/// </summary>
internal static class StackTypes
{
    /// <summary>The bottom heap type: a subtype of every heap type (from an unknown operand).</summary>
    public const HeapKind BottomHeap = (HeapKind)0xFF;

    /// <summary>The unknown value type (matches every type); <c>default(ValType)</c>.</summary>
    public static ValType Unknown => default;

    public static bool IsUnknown(ValType t) => t.Kind == 0;

    public static bool IsNumeric(ValType t) => t.Kind is ValTypeKind.I32 or ValTypeKind.I64 or ValTypeKind.F32 or ValTypeKind.F64;

    /// <summary>Whether a local or field of this type has a default value.</summary>
    public static bool IsDefaultable(ValType t) => t.Kind != ValTypeKind.Ref || t.Nullable;

    /// <summary>The operand type of a field or array element (packed types widen to i32).</summary>
    public static ValType Unpacked(ValType t) => t.IsPacked ? ValType.I32 : t;

    /// <summary>Formats a type as the reference interpreter does (<c>i32</c>, <c>(ref null 3)</c>, <c>funcref</c>).</summary>
    public static string Format(ValType t)
    {
        if (IsUnknown(t))
        {
            return "bot";
        }

        if (!t.IsRef)
        {
            return t.ToString();
        }

        string heap = t.Heap.Kind == BottomHeap ? "bot" : t.Heap.ToString();
        if (t.Nullable && !t.Heap.IsConcrete && t.Heap.Kind != BottomHeap)
        {
            return heap + "ref";
        }

        return t.Nullable ? $"(ref null {heap})" : $"(ref {heap})";
    }

    /// <summary>Formats a result type: <c>[i32 i64]</c>.</summary>
    public static string Format(ReadOnlySpan<ValType> types)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < types.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Format(types[i]));
        }

        return sb.Append(']').ToString();
    }
}
