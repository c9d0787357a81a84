using System.Runtime.CompilerServices;
using System.Text;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// A linear memory of an instance, for the host to read and write. Its base address never moves, but it can grow
/// during any guest call: take spans and lengths again after calling into the guest. Addresses are byte offsets.
/// </summary>
public sealed unsafe class Memory
{
    internal Memory(LinearMemory inner, StoreHandle store)
    {
        Inner = inner;
        Store = store;
    }

    internal StoreHandle Store { get; }

    /// <summary>Current size in bytes.</summary>
    public long Length => (long)Inner.Length;

    /// <summary>Current size in pages.</summary>
    public long Pages => (long)Inner.Pages;

    /// <summary>The page size in bytes (65536 unless the module uses custom page sizes).</summary>
    public int PageSize => 1 << Inner.Type.PageSizeLog2;

    /// <summary>Address of byte 0 in this process, for native interop; valid until the store is disposed.</summary>
    public nint Pointer
    {
        get
        {
            Store.ThrowIfDisposed();
            return (nint)Inner.Base;
        }
    }

    internal LinearMemory Inner { get; }

    /// <summary>The whole memory (at most its first 2 GiB).</summary>
    public Span<byte> GetSpan()
    {
        Store.ThrowIfDisposed();
        return Inner.Span;
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="address"/>; throws <see cref="ArgumentOutOfRangeException"/> when out of bounds.</summary>
    public Span<byte> GetSpan(long address, int length)
    {
        Check(address, length);
        return new Span<byte>(Inner.Base + address, length);
    }

    /// <summary>Reads a value of an unmanaged type (little-endian, unaligned) at <paramref name="address"/>.</summary>
    public T Read<T>(long address)
        where T : unmanaged
    {
        Check(address, sizeof(T));
        return Unsafe.ReadUnaligned<T>(Inner.Base + address);
    }

    /// <summary>Writes a value of an unmanaged type (little-endian, unaligned) at <paramref name="address"/>.</summary>
    public void Write<T>(long address, T value)
        where T : unmanaged
    {
        Check(address, sizeof(T));
        Unsafe.WriteUnaligned(Inner.Base + address, value);
    }

    /// <summary>Decodes <paramref name="length"/> bytes of UTF-8 at <paramref name="address"/> (invalid sequences become U+FFFD).</summary>
    public string ReadString(long address, int length) => Encoding.UTF8.GetString(GetSpan(address, length));

    /// <summary>Decodes the NUL-terminated UTF-8 string at <paramref name="address"/>.</summary>
    public string ReadNullTerminatedString(long address)
    {
        Check(address, 0);
        long available = Math.Min(Length - address, int.MaxValue);
        var bytes = new ReadOnlySpan<byte>(Inner.Base + address, (int)available);
        int end = bytes.IndexOf((byte)0);
        if (end < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "no NUL terminator before the end of memory");
        }

        return Encoding.UTF8.GetString(bytes[..end]);
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 (no terminator) at <paramref name="address"/>; returns the bytes written.</summary>
    public int WriteString(long address, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int count = Encoding.UTF8.GetByteCount(value);
        return Encoding.UTF8.GetBytes(value, GetSpan(address, count));
    }

    /// <summary>Grows the memory by <paramref name="deltaPages"/>; returns the old size in pages, or -1 when it cannot grow (as <c>memory.grow</c>).</summary>
    public long Grow(long deltaPages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deltaPages);
        Store.ThrowIfDisposed();
        return Inner.Grow((ulong)deltaPages);
    }

    private void Check(long address, int length)
    {
        Store.ThrowIfDisposed();
        if (address < 0 || length < 0 || (ulong)address + (ulong)length > Inner.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"{length} bytes at {address} are outside the memory ({Length} bytes)");
        }
    }
}
