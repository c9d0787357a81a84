using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kiln.Runtime.Gc;

/// <summary>
/// <c>array.new_data</c>, <c>array.init_data</c>, <c>array.new_elem</c> and <c>array.init_elem</c>. Generated code
/// passes the Wasm operands first, then the instance and the immediates. Every range is checked before anything is written.
/// </summary>
internal static class GcSegments
{
    public static WasmArray<T> NewData<T>(int offset, int length, Instance inst, int segment, int typeId)
        where T : unmanaged
    {
        var data = inst.DataSegments[segment].Span;
        CheckData(data.Length, offset, length, Unsafe.SizeOf<T>());
        var array = WasmArray<T>.NewDefault(length, typeId);
        MemoryMarshal.Cast<byte, T>(data.Slice(offset, length * Unsafe.SizeOf<T>())).CopyTo(array.Items);
        return array;
    }

    public static void InitData<T>(object? array, int dst, int src, int length, Instance inst, int segment)
        where T : unmanaged
    {
        var items = WasmArray<T>.Of(array).Items;
        WasmArray<T>.CheckRange(items.Length, dst, length);
        var data = inst.DataSegments[segment].Span;
        int size = Unsafe.SizeOf<T>();
        CheckData(data.Length, src, length, size);
        MemoryMarshal.Cast<byte, T>(data.Slice(src, length * size)).CopyTo(items.AsSpan(dst));
    }

    public static WasmArray<object?> NewElem(int offset, int length, Instance inst, int segment, int typeId)
    {
        var items = inst.ElementSegments[segment];
        CheckElems(items.Length, offset, length);
        var array = WasmArray<object?>.NewDefault(length, typeId);
        Array.Copy(items, offset, array.Items, 0, length);
        return array;
    }

    public static void InitElem(object? array, int dst, int src, int length, Instance inst, int segment)
    {
        var items = WasmArray<object?>.Of(array).Items;
        WasmArray<object?>.CheckRange(items.Length, dst, length);
        var elems = inst.ElementSegments[segment];
        CheckElems(elems.Length, src, length);
        Array.Copy(elems, src, items, dst, length);
    }

    private static void CheckData(int dataLength, int offset, int length, int size)
    {
        if ((ulong)(uint)offset + ((ulong)(uint)length * (ulong)size) > (ulong)dataLength)
        {
            throw new TrapException(TrapKind.MemoryOutOfBounds);
        }
    }

    private static void CheckElems(int segmentLength, int offset, int length)
    {
        if ((ulong)(uint)offset + (uint)length > (ulong)segmentLength)
        {
            throw new TrapException(TrapKind.TableOutOfBounds);
        }
    }
}
