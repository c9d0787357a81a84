namespace Kiln.Runtime.Gc;

/// <summary>A GC array instance; the elements live in the typed subclass <see cref="WasmArray{T}"/>.</summary>
internal abstract class WasmArray(int typeId, int length)
{
    /// <summary>The canonical id of the array's type (see <see cref="TypeRegistry"/>), for casts.</summary>
    public readonly int TypeId = typeId;

    public readonly int Length = length;

    /// <summary><c>array.len</c>.</summary>
    public static int Len(object? array) => GcOps.NonNullArray(array).Length;
}
