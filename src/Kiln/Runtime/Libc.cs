using System.Runtime.InteropServices;

namespace Kiln.Runtime;

/// <summary>
/// The few libc calls the runtime needs (Linux): reserve, commit and release address space for linear memory, and read
/// the current thread's stack bounds.
/// </summary>
internal static partial class Libc
{
    public const int ProtNone = 0;
    public const int ProtReadWrite = 3;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;
    private const int MapNoReserve = 0x4000;

    private const int MadvHugePage = 14;

    /// <summary>
    /// Reserves <paramref name="length"/> bytes of inaccessible address space; returns 0 on failure. The range may be
    /// backed by transparent huge pages where the system allows them on request (the usual <c>madvise</c> setting):
    /// a memory committed in 2 MiB stretches then takes a 512th of the page faults and TLB misses.
    /// </summary>
    public static nint Reserve(nuint length)
    {
        nint p = Mmap(0, length, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        if (p == -1)
        {
            return 0;
        }

        // Only advice: without huge pages the memory works the same.
        _ = Madvise(p, length, MadvHugePage);
        return p;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint addr, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    public static partial int Mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    public static partial nuint PthreadSelf();

    /// <summary>Fills <paramref name="attr"/> (a pthread_attr_t buffer) with the attributes of a running thread, its stack included.</summary>
    [LibraryImport("libc", EntryPoint = "pthread_getattr_np")]
    public static partial int PthreadGetattrNp(nuint thread, nint attr);

    /// <summary>The stack's lowest address and its size, from attributes read by <see cref="PthreadGetattrNp"/>.</summary>
    [LibraryImport("libc", EntryPoint = "pthread_attr_getstack")]
    public static partial int PthreadAttrGetstack(nint attr, out nint stackAddress, out nuint stackSize);

    [LibraryImport("libc", EntryPoint = "pthread_attr_destroy")]
    public static partial int PthreadAttrDestroy(nint attr);
}
