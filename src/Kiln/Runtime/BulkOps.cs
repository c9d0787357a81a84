using System.Runtime.CompilerServices;

namespace Kiln.Runtime;

/// <summary>
/// Bulk memory and table instructions, table access and <c>call_indirect</c> lookup, called from generated code.
/// Addresses and counts arrive zero-extended to 64 bits whatever the address type; every operation checks its whole
/// range before writing anything, as the spec requires.
/// </summary>
internal static unsafe class BulkOps
{
    public static void MemoryInit(Instance inst, LinearMemory mem, int segment, ulong dst, ulong src, ulong n)
    {
        var data = inst.DataSegments[segment].Span;
        if (src > (ulong)data.Length || n > (ulong)data.Length - src || dst > mem.Length || n > mem.Length - dst)
        {
            Traps.Throw(TrapKind.MemoryOutOfBounds);
        }

        data.Slice((int)src, (int)n).CopyTo(new Span<byte>(mem.Base + dst, (int)n));
    }

    public static void DataDrop(Instance inst, int segment) => inst.DataSegments[segment] = ReadOnlyMemory<byte>.Empty;

    public static void MemoryCopy(LinearMemory dstMem, LinearMemory srcMem, ulong dst, ulong src, ulong n)
    {
        if (src > srcMem.Length || n > srcMem.Length - src || dst > dstMem.Length || n > dstMem.Length - dst)
        {
            Traps.Throw(TrapKind.MemoryOutOfBounds);
        }

        Buffer.MemoryCopy(srcMem.Base + src, dstMem.Base + dst, n, n);
    }

    public static void MemoryFill(LinearMemory mem, ulong dst, int value, ulong n)
    {
        if (dst > mem.Length || n > mem.Length - dst)
        {
            Traps.Throw(TrapKind.MemoryOutOfBounds);
        }

        for (ulong done = 0; done < n;)
        {
            uint chunk = (uint)Math.Min(n - done, 1u << 30);
            Unsafe.InitBlockUnaligned(mem.Base + dst + done, (byte)value, chunk);
            done += chunk;
        }
    }

    public static long MemoryGrow(LinearMemory mem, ulong delta) => mem.Grow(delta);

    public static void TableInit(Instance inst, TableInstance table, int segment, ulong dst, ulong src, ulong n)
    {
        var items = inst.ElementSegments[segment];
        var elems = table.Elements;
        if (src > (ulong)items.Length || n > (ulong)items.Length - src || dst > (ulong)elems.Length || n > (ulong)elems.Length - dst)
        {
            Traps.Throw(TrapKind.TableOutOfBounds);
        }

        Array.Copy(items, (int)src, elems, (int)dst, (int)n);
    }

    public static void ElemDrop(Instance inst, int segment) => inst.ElementSegments[segment] = [];

    public static void TableCopy(TableInstance dstTable, TableInstance srcTable, ulong dst, ulong src, ulong n)
    {
        var d = dstTable.Elements;
        var s = srcTable.Elements;
        if (src > (ulong)s.Length || n > (ulong)s.Length - src || dst > (ulong)d.Length || n > (ulong)d.Length - dst)
        {
            Traps.Throw(TrapKind.TableOutOfBounds);
        }

        Array.Copy(s, (int)src, d, (int)dst, (int)n);
    }

    public static void TableFill(TableInstance table, ulong dst, object? value, ulong n)
    {
        var elems = table.Elements;
        if (dst > (ulong)elems.Length || n > (ulong)elems.Length - dst)
        {
            Traps.Throw(TrapKind.TableOutOfBounds);
        }

        Array.Fill(elems, value, (int)dst, (int)n);
    }

    public static long TableGrow(TableInstance table, object? init, ulong delta) => table.Grow(delta, init);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? TableGet(TableInstance table, ulong index)
    {
        var elems = table.Elements;
        if (index >= (ulong)elems.Length)
        {
            Traps.Throw(TrapKind.TableOutOfBounds);
        }

        return elems[index];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TableSet(TableInstance table, ulong index, object? value)
    {
        var elems = table.Elements;
        if (index >= (ulong)elems.Length)
        {
            Traps.Throw(TrapKind.TableOutOfBounds);
        }

        elems[index] = value;
    }

    /// <summary>The callee of <c>call_indirect</c>: checks the index, null and the signature (exact id, then declared supertypes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FunctionInstance Indirect(TableInstance table, ulong index, int typeId)
    {
        var elems = table.Elements;
        if (index >= (ulong)elems.Length)
        {
            Traps.Throw(TrapKind.UndefinedElement, index);
        }

        var f = Unsafe.As<FunctionInstance?>(elems[index]);
        if (f is null)
        {
            Traps.Throw(TrapKind.UninitializedElement, index);
        }

        if (f.TypeId != typeId && !TypeRegistry.IsSubtype(f.TypeId, typeId))
        {
            Traps.Throw(TrapKind.IndirectCallTypeMismatch);
        }

        return f;
    }

    /// <summary>The callee of <c>call_ref</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FunctionInstance CallRef(object? reference)
    {
        if (reference is null)
        {
            Traps.Throw(TrapKind.NullFunctionReference);
        }

        return Unsafe.As<FunctionInstance>(reference);
    }
}
