using System.Runtime.CompilerServices;

namespace Kiln.Runtime;

/// <summary>
/// The current thread's native stack bounds, read once per thread (pthread_getattr_np) and cached in thread-static
/// fields, so a guest call can tell cheaply whether the calling thread has enough stack left to run it inline.
/// </summary>
internal static unsafe class ThreadStack
{
    /// <summary>What <see cref="Low"/> is when the bounds cannot be read: no address is above it, so nothing runs inline.</summary>
    public static readonly nuint Unknown = nuint.MaxValue;

    // 0 until read: the common case (already read) is one thread-static load and a compare.
    [ThreadStatic]
    private static nuint t_low;

    [ThreadStatic]
    private static nuint t_high;

    /// <summary>The lowest usable address of this thread's stack (the guard page excluded), or <see cref="Unknown"/>.</summary>
    public static nuint Low
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            nuint low = t_low;
            return low != 0 ? low : Read();
        }
    }

    /// <summary>The address just above this thread's stack (where it starts growing down from), or 0 when unknown.</summary>
    public static nuint High
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (t_low == 0)
            {
                Read();
            }

            return t_high;
        }
    }

    /// <summary>The address of a local of the caller's frame: where the stack pointer is, near enough.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Current()
    {
        byte probe;
        return (nuint)(&probe);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nuint Read()
    {
        nuint low = Unknown;
        nuint high = 0;
        if (OperatingSystem.IsLinux())
        {
            // pthread_attr_t is 56 bytes on x64 glibc and 64 on arm64; leave room for any libc.
            byte* attr = stackalloc byte[256];
            if (Libc.PthreadGetattrNp(Libc.PthreadSelf(), (nint)attr) == 0)
            {
                if (Libc.PthreadAttrGetstack((nint)attr, out nint address, out nuint size) == 0)
                {
                    nuint here = Current();
                    // Only trust bounds that contain the frame we are running on (not so on an alternate or foreign stack).
                    if ((nuint)address < here && here < (nuint)address + size)
                    {
                        low = (nuint)address;
                        high = (nuint)address + size;
                    }
                }

                Libc.PthreadAttrDestroy((nint)attr);
            }
        }

        t_low = low;
        t_high = high;
        return low;
    }
}
