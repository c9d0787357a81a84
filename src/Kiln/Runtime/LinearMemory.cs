using System.Collections.Concurrent;
using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>
/// A linear memory: one native block whose base never moves. The whole address range the memory may reach
/// (its maximum, capped by <see cref="ReservationCap"/>) is reserved inaccessible up front and committed page by
/// page on grow, so generated code can keep <see cref="Base"/> in a register and bounds-check against <see cref="Length"/>.
/// Released 4 GiB reservations are zeroed and kept in a small pool for the next memory, for instance-per-request hosts.
/// </summary>
internal sealed unsafe class LinearMemory : IDisposable
{
    /// <summary>Most address space one memory reserves: covers every 32-bit memory; memory64 and larger maxima stop growing here.</summary>
    public const ulong ReservationCap = 1UL << 33;

    /// <summary>Start of the memory; fixed for the memory's lifetime.</summary>
    public readonly byte* Base;

    /// <summary>Current size in bytes; what every access is checked against.</summary>
    public ulong Length;

    /// <summary>The reservation that is pooled: that of a 32-bit memory with no maximum below 4 GiB, what compilers emit.</summary>
    private const ulong PooledReservation = 1UL << 32;

    /// <summary>Largest committed size whose reservation is pooled: zeroing more than this costs more than unmapping it.</summary>
    private const ulong PoolMaxBytes = 16 << 20;

    /// <summary>Most bytes the pool keeps committed (and so resident) in all.</summary>
    private const long PoolBudget = 256 << 20;

    /// <summary>Bytes committed by all live memories of the process: what tests watch to tell a leaked memory.</summary>
    private static long s_committed;

    // Reservations of released memories, zeroed, with how many bytes are read-write. Unmapping memory a guest touched
    // costs a TLB shootdown on every core (about 1 ms on a busy VM), which dominated instance-per-request serving;
    // reusing a reservation costs a memset of the bytes that were in use.
    private static readonly ConcurrentBag<(nint Base, ulong Committed)> Pool = [];
    private static long s_pooledBytes;

    private readonly ulong _reserved;
    private ulong _committed;
    private readonly object _growLock = new();
    private readonly Store? _owner;
    private bool _disposed;

    /// <summary>Creates the memory at its minimum size; <paramref name="owner"/>'s limits (if any) cap its growth.</summary>
    public LinearMemory(MemoryType type, Store? owner = null)
    {
        Type = type;
        _owner = owner;
        int log2 = type.PageSizeLog2;
        ulong addressPages = type.Is64 ? ulong.MaxValue >> log2 : (1UL << 32) >> log2;
        ulong maxPages = Math.Min(type.Limits.Max ?? addressPages, addressPages);
        ulong wanted = maxPages > (ReservationCap >> log2) ? ReservationCap : maxPages << log2;
        ulong minBytes = type.Limits.Min << log2;
        if (type.Limits.Min > (ReservationCap >> log2))
        {
            throw new TrapException(TrapKind.HostError, "memory size exceeds implementation limit");
        }

        // Round to whole OS pages; a zero-sized reservation still gets one page so Base is a real address.
        _reserved = Math.Max(RoundUp(wanted), (ulong)Environment.SystemPageSize);
        nint p;
        if (_reserved == PooledReservation && Pool.TryTake(out var pooled))
        {
            Interlocked.Add(ref s_pooledBytes, -(long)pooled.Committed);
            Interlocked.Add(ref s_committed, (long)pooled.Committed);
            p = pooled.Base;
            _committed = pooled.Committed;
        }
        else
        {
            p = Libc.Reserve((nuint)_reserved);
        }

        if (p == 0)
        {
            throw new OutOfMemoryException("cannot reserve address space for linear memory");
        }

        Base = (byte*)p;
        Commit(0, minBytes);
        Length = minBytes;
    }

    ~LinearMemory() => Release();

    public MemoryType Type { get; }

    /// <summary>Bytes committed by all live linear memories of the process (rounded to OS pages).</summary>
    public static long TotalCommitted => Interlocked.Read(ref s_committed);

    /// <summary>Current size in pages.</summary>
    public ulong Pages => Length >> Type.PageSizeLog2;

    /// <summary>Bytes of the memory as a span (for the host; at most 2 GiB are visible).</summary>
    public Span<byte> Span => new(Base, (int)Math.Min(Length, int.MaxValue));

    /// <summary><c>memory.grow</c>: the old size in pages, or -1 when the memory cannot grow that much.</summary>
    public long Grow(ulong deltaPages)
    {
        lock (_growLock)
        {
            int log2 = Type.PageSizeLog2;
            ulong old = Length >> log2;
            ulong max = Type.Limits.Max ?? (Type.Is64 ? ulong.MaxValue >> log2 : (1UL << 32) >> log2);
            if (deltaPages > max - old)
            {
                return -1;
            }

            ulong newPages = old + deltaPages;
            if (newPages > (_reserved >> log2) || newPages > (ReservationCap >> log2))
            {
                return -1;
            }

            ulong newLength = newPages << log2;
            if (_owner?.Limits?.MemoryBytes is long cap && newLength > (ulong)Math.Max(cap, 0))
            {
                return -1;
            }

            if (newLength > Length)
            {
                Commit(Length, newLength);
                Length = newLength;
            }

            return (long)old;
        }
    }

    /// <summary>Releases the address space now instead of at finalisation.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Commit(ulong from, ulong to)
    {
        // A pooled reservation is read-write up to _committed already: only what lies beyond needs mprotect.
        ulong start = Math.Max(from & ~((ulong)Environment.SystemPageSize - 1), _committed);
        ulong end = RoundUp(to);
        if (end > start && Libc.Mprotect((nint)(Base + start), (nuint)(end - start), Libc.ProtReadWrite) != 0)
        {
            throw new OutOfMemoryException("cannot commit linear memory");
        }

        if (end > _committed)
        {
            Interlocked.Add(ref s_committed, (long)(end - _committed));
            _committed = end;
        }
    }

    private void Release()
    {
        if (!_disposed)
        {
            _disposed = true;
            Interlocked.Add(ref s_committed, -(long)_committed);
            if (_reserved == PooledReservation && _committed <= PoolMaxBytes)
            {
                if (Interlocked.Add(ref s_pooledBytes, (long)_committed) <= PoolBudget)
                {
                    // Zeroed now, so the next owner sees fresh memory and nothing of this one's data.
                    new Span<byte>(Base, (int)_committed).Clear();
                    Pool.Add(((nint)Base, _committed));
                    return;
                }

                Interlocked.Add(ref s_pooledBytes, -(long)_committed);
            }

            Libc.Munmap((nint)Base, (nuint)_reserved);
        }
    }

    private static ulong RoundUp(ulong n)
    {
        ulong page = (ulong)Environment.SystemPageSize;
        return (n + page - 1) & ~(page - 1);
    }
}
