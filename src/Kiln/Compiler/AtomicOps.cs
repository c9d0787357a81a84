using System.Runtime.CompilerServices;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// The threads proposal's atomic instructions on an already bounds-checked host address. Kiln runs one guest thread per
/// store, so no other thread can observe a memory mid-update: read-modify-write is a plain read and write here, and
/// <c>wait</c> can only time out.
/// </summary>
internal static unsafe class AtomicOps
{
    public const int Add = 0;
    public const int Sub = 1;
    public const int And = 2;
    public const int Or = 3;
    public const int Xor = 4;
    public const int Xchg = 5;

    /// <summary>Traps unless <paramref name="p"/> is a multiple of <paramref name="width"/> (memory bases are page aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Aligned(byte* p, int width)
    {
        if (((nuint)p & (nuint)(width - 1)) != 0)
        {
            Traps.Throw(TrapKind.UnalignedAtomic);
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Load(byte* p, int width) => width switch
    {
        1 => *p,
        2 => *(ushort*)p,
        4 => *(uint*)p,
        _ => *(long*)p,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(byte* p, long value, int width)
    {
        switch (width)
        {
            case 1: *p = (byte)value; break;
            case 2: *(ushort*)p = (ushort)value; break;
            case 4: *(uint*)p = (uint)value; break;
            default: *(long*)p = value; break;
        }
    }

    /// <summary>Applies <paramref name="op"/> and returns the old value, zero-extended from <paramref name="width"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Rmw(byte* p, long value, int width, int op)
    {
        long old = Load(p, width);
        long result = op switch
        {
            Add => old + value,
            Sub => old - value,
            And => old & value,
            Or => old | value,
            Xor => old ^ value,
            _ => value,
        };
        Store(p, result, width);
        return old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Cmpxchg(byte* p, long expected, long replacement, int width)
    {
        long old = Load(p, width);
        long mask = width == 8 ? -1L : (1L << (width * 8)) - 1;
        if (old == (expected & mask))
        {
            Store(p, replacement, width);
        }

        return old;
    }

    /// <summary><c>memory.atomic.wait32/64</c>: 1 ("not-equal") or, since nothing can notify, 2 ("timed-out") after the timeout.</summary>
    public static int Wait(LinearMemory memory, byte* p, long expected, long timeoutNs, int width)
    {
        if (!memory.Type.Shared)
        {
            throw new TrapException(TrapKind.HostError, "expected shared memory");
        }

        long mask = width == 8 ? -1L : (1L << (width * 8)) - 1;
        if (Load(p, width) != (expected & mask))
        {
            return 1;
        }

        if (timeoutNs < 0)
        {
            throw new TrapException(TrapKind.HostError, "wait would block forever");
        }

        Thread.Sleep(TimeSpan.FromTicks(timeoutNs / 100));
        return 2;
    }
}
