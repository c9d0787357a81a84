using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kiln.Wasi;

/// <summary>
/// A view of the guest's linear memory for the duration of one WASI call. Memory can grow between calls,
/// so the binding makes a fresh view for each call and no WASI function keeps it.
/// </summary>
/// <remarks>
/// Every access is bounds-checked; an out-of-bounds or misaligned pointer throws <see cref="WasiTrapException"/>,
/// as the witx rules (and Wasmtime) say a WASI call must trap then. Addresses are the guest's u32 values.
/// </remarks>
public readonly ref struct GuestMemory
{
    private readonly ref byte _base;
    private readonly ulong _length;

    /// <summary>Views a managed buffer as guest memory (tests, or engines that keep memory in an array).</summary>
    public GuestMemory(Span<byte> memory)
    {
        _base = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(memory);
        _length = (ulong)memory.Length;
    }

    /// <summary>Views a native block of <paramref name="length"/> bytes at <paramref name="basePointer"/> (up to 4 GiB).</summary>
    public unsafe GuestMemory(byte* basePointer, ulong length)
    {
        _base = ref Unsafe.AsRef<byte>(basePointer);
        _length = length;
    }

    /// <summary>The size of the memory in bytes.</summary>
    public ulong Length => _length;

    /// <summary>
    /// The bytes at <paramref name="ptr"/>..<paramref name="ptr"/>+<paramref name="length"/>; traps when out of bounds.
    /// Lengths above <see cref="int.MaxValue"/> trap too (no single span can hold them; callers clamp I/O sizes first).
    /// </summary>
    public Span<byte> Slice(uint ptr, uint length)
    {
        if ((ulong)ptr + length > _length || length > int.MaxValue)
        {
            throw OutOfBounds();
        }
        return System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref Unsafe.Add(ref _base, (nint)ptr), (int)length);
    }

    /// <summary>
    /// The bytes at <paramref name="ptr"/>..<paramref name="ptr"/>+<paramref name="length"/>, which must all be in
    /// bounds, cut to at most <see cref="int.MaxValue"/> bytes (an I/O buffer may be transferred in part).
    /// </summary>
    public Span<byte> SliceClamped(uint ptr, uint length)
    {
        if ((ulong)ptr + length > _length)
        {
            throw OutOfBounds();
        }
        return Slice(ptr, Math.Min(length, (uint)int.MaxValue));
    }

    /// <summary>The bytes of an array of <paramref name="count"/> elements of <paramref name="elementSize"/> bytes, checking alignment.</summary>
    public Span<byte> Array(uint ptr, uint count, uint elementSize, uint alignment)
    {
        ulong size = (ulong)count * elementSize;
        if (size > uint.MaxValue)
        {
            throw OutOfBounds();
        }
        return Struct(ptr, (uint)size, alignment);
    }

    /// <summary>Reads a byte.</summary>
    public byte ReadU8(uint ptr) => Slice(ptr, 1)[0];

    /// <summary>Reads a little-endian u16 (2-aligned).</summary>
    public ushort ReadU16(uint ptr) => BinaryPrimitives.ReadUInt16LittleEndian(Aligned(ptr, 2));

    /// <summary>Reads a little-endian u32 (4-aligned).</summary>
    public uint ReadU32(uint ptr) => BinaryPrimitives.ReadUInt32LittleEndian(Aligned(ptr, 4));

    /// <summary>Reads a little-endian u64 (8-aligned).</summary>
    public ulong ReadU64(uint ptr) => BinaryPrimitives.ReadUInt64LittleEndian(Aligned(ptr, 8));

    /// <summary>Writes a byte.</summary>
    public void WriteU8(uint ptr, byte value) => Slice(ptr, 1)[0] = value;

    /// <summary>Writes a little-endian u16 (2-aligned).</summary>
    public void WriteU16(uint ptr, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Aligned(ptr, 2), value);

    /// <summary>Writes a little-endian u32 (4-aligned).</summary>
    public void WriteU32(uint ptr, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Aligned(ptr, 4), value);

    /// <summary>Writes a little-endian u64 (8-aligned).</summary>
    public void WriteU64(uint ptr, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Aligned(ptr, 8), value);

    /// <summary>The <paramref name="size"/> bytes of a struct at <paramref name="ptr"/>, checking its alignment.</summary>
    public Span<byte> Struct(uint ptr, uint size, uint alignment)
    {
        if (ptr % alignment != 0)
        {
            throw new WasiTrapException($"pointer not aligned to {alignment}: {ptr:#x}");
        }
        return Slice(ptr, size);
    }

    /// <summary>Decodes a UTF-8 string; false when it is not valid UTF-8 (the call then returns <c>ilseq</c>).</summary>
    public bool TryReadString(uint ptr, uint length, out string value)
    {
        var bytes = Slice(ptr, length);
        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = "";
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Span<byte> Aligned(uint ptr, uint alignment) => Struct(ptr, alignment, alignment);

    private WasiTrapException OutOfBounds() => new($"pointer out of bounds (memory size {_length})");
}
