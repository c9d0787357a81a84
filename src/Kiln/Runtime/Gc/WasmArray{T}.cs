using System.Runtime.CompilerServices;

namespace Kiln.Runtime.Gc;

/// <summary>
/// A GC array whose elements are stored unboxed as <typeparamref name="T"/>: byte for i8, ushort for i16, int, long,
/// float, double, Vector128&lt;byte&gt; for v128, object for references. Indices are Wasm i32 values read as unsigned.
/// </summary>
internal sealed class WasmArray<T>(int typeId, T[] items) : WasmArray(typeId, items.Length)
{
    public readonly T[] Items = items;

    /// <summary><c>array.new</c>: <paramref name="length"/> copies of <paramref name="init"/>.</summary>
    public static WasmArray<T> New(T init, int length, int typeId)
    {
        var items = Allocate(length);
        Array.Fill(items, init);
        return new WasmArray<T>(typeId, items);
    }

    /// <summary><c>array.new_default</c>.</summary>
    public static WasmArray<T> NewDefault(int length, int typeId) => new(typeId, Allocate(length));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Get(object? array, int index)
    {
        var items = Of(array).Items;
        if ((uint)index >= (uint)items.Length)
        {
            GcOps.ArrayOutOfBounds();
        }

        return items[index];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(object? array, int index, T value)
    {
        var items = Of(array).Items;
        if ((uint)index >= (uint)items.Length)
        {
            GcOps.ArrayOutOfBounds();
        }

        items[index] = value;
    }

    /// <summary><c>array.fill</c>.</summary>
    public static void Fill(object? array, int offset, T value, int count)
    {
        var items = Of(array).Items;
        CheckRange(items.Length, offset, count);
        Array.Fill(items, value, offset, count);
    }

    /// <summary><c>array.copy</c>: overlapping ranges copy as if through a temporary, as <see cref="Array.Copy(Array, int, Array, int, int)"/> does.</summary>
    public static void Copy(object? dst, int dstOffset, object? src, int srcOffset, int count)
    {
        var d = Of(dst).Items;
        var s = Of(src).Items;
        CheckRange(d.Length, dstOffset, count);
        CheckRange(s.Length, srcOffset, count);
        Array.Copy(s, srcOffset, d, dstOffset, count);
    }

    /// <summary>Traps unless <c>offset + count &lt;= length</c>, the values read as unsigned.</summary>
    internal static void CheckRange(int length, int offset, int count)
    {
        if ((ulong)(uint)offset + (uint)count > (ulong)length)
        {
            GcOps.ArrayOutOfBounds();
        }
    }

    /// <summary>
    /// The array behind a reference validation typed as this array type: null traps, and a foreign object (which only a
    /// host passing a wrong value could supply) fails the checked cast instead of being misread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static WasmArray<T> Of(object? array) => (WasmArray<T>)GcOps.NonNullArray(array);

    private static T[] Allocate(int length)
    {
        GcOps.CheckAllocation((uint)length, Unsafe.SizeOf<T>());
        return length == 0 ? [] : new T[length];
    }
}
