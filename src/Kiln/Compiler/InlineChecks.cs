using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// The checks generated code makes most often (bounds, epoch, fuel, the entry point of a callee), as calls the JIT
/// inlines instead of branches in the function's own IL. The machine code is the same, but the function keeps far fewer
/// basic blocks: above 2,000 RyuJIT compiles a method with MinOpts, which made big functions several times slower.
/// Arguments are locals or constants and the bodies declare no locals, so an inlined call adds no JIT temporaries (past
/// 512 locals the JIT stops inlining into a method).
/// </summary>
internal static class InlineChecks
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary>32-bit memories: <paramref name="end"/> (offset + access size) is below 2^33, so the sum cannot wrap.</summary>
    [MethodImpl(Inline)]
    public static void Bounds32(ulong address, ulong end, ulong length)
    {
        if (address + end > length)
        {
            Traps.MemoryOutOfBounds();
        }
    }

    /// <summary>64-bit memories: the same test written so that it cannot wrap.</summary>
    [MethodImpl(Inline)]
    public static void Bounds64(ulong address, ulong end, ulong length)
    {
        if (end > length || address > length - end)
        {
            Traps.MemoryOutOfBounds();
        }
    }

    /// <summary>Volatile: another thread moves the epoch or the deadline, and a loop that stores nothing must not hoist the loads.</summary>
    [MethodImpl(Inline)]
    public static void Epoch(EpochCounter epoch, Store store)
    {
        if (Volatile.Read(ref epoch.Value) >= Volatile.Read(ref store.EpochDeadline))
        {
            Traps.Interrupted();
        }
    }

    [MethodImpl(Inline)]
    public static void Fuel(Store store, long cost)
    {
        store.Fuel -= cost;
        if (store.Fuel < 0)
        {
            Traps.OutOfFuel(store);
        }
    }

    /// <summary>
    /// An element of one of the instance's arrays (memories, tables, globals, functions), read without a bounds check:
    /// validation bounds the index by the module's own counts, which size the arrays.
    /// </summary>
    [MethodImpl(Inline)]
    public static T Element<T>(T[] array, int index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);

    /// <summary>
    /// The entry point of defined function <paramref name="definedIndex"/>, compiling it on its first call. The index
    /// comes from validated code, so the array is read without a bounds check.
    /// </summary>
    [MethodImpl(Inline)]
    public static nint Code(Instance ctx, int definedIndex)
    {
        if (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ctx.Code), definedIndex) == 0)
        {
            CompiledModule.CompileFromCall(ctx, definedIndex);
        }

        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ctx.Code), definedIndex);
    }
}
