using System.Buffers;
using System.Text;

namespace Kiln.Binary;

/// <summary>Appends the primitive encodings of the binary format (LEB128 integers, names, types) to a growable buffer.</summary>
internal sealed class WasmWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Clear() => _buffer.Clear();

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteByte(byte b)
    {
        _buffer.GetSpan(1)[0] = b;
        _buffer.Advance(1);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void WriteU32(uint value) => WriteU64(value);

    public void WriteU64(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            WriteByte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }

    /// <summary>Writes a signed LEB128 (s32, s33 or s64: the encoding depends only on the value).</summary>
    public void WriteS64(long value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            WriteByte(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return;
            }
        }
    }

    public void WriteIndex(int index) => WriteU32(checked((uint)index));

    public void WriteName(string name)
    {
        int n = Encoding.UTF8.GetByteCount(name);
        WriteU32((uint)n);
        Encoding.UTF8.GetBytes(name, _buffer.GetSpan(n));
        _buffer.Advance(n);
    }

    /// <summary>Writes a length-prefixed byte vector.</summary>
    public void WriteVector(ReadOnlySpan<byte> bytes)
    {
        WriteU32((uint)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteHeapType(HeapType heap)
    {
        if (heap.IsConcrete)
        {
            WriteS64(heap.Index);
        }
        else
        {
            WriteByte((byte)heap.Kind);
        }
    }

    /// <summary>Writes a value or packed storage type, using the one-byte shorthand for nullable abstract references.</summary>
    public void WriteValType(ValType type)
    {
        if (!type.IsRef)
        {
            WriteByte((byte)type.Kind);
        }
        else if (type.Nullable && !type.Heap.IsConcrete)
        {
            WriteByte((byte)type.Heap.Kind);
        }
        else
        {
            WriteByte(type.Nullable ? (byte)0x63 : (byte)0x64);
            WriteHeapType(type.Heap);
        }
    }

    public void WriteLimits(Limits limits, bool is64, bool shared = false, int pageSizeLog2 = 16)
    {
        byte flags = (byte)((limits.Max is null ? 0 : 1) | (shared ? 2 : 0) | (is64 ? 4 : 0) | (pageSizeLog2 != 16 ? 8 : 0));
        WriteByte(flags);
        WriteU64(limits.Min);
        if (limits.Max is ulong max)
        {
            WriteU64(max);
        }

        if (pageSizeLog2 != 16)
        {
            WriteU32((uint)pageSizeLog2);
        }
    }
}
