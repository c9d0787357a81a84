using System.Buffers.Binary;
using Kiln.Binary;

namespace Kiln.Text;

/// <summary>A growable byte buffer with the binary format's encodings, for the instructions the text parser emits.</summary>
internal sealed class WatCodeBuffer
{
    private byte[] _bytes = new byte[64];

    public int Length { get; private set; }

    public void Byte(byte b)
    {
        if (Length == _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }

        _bytes[Length++] = b;
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            Byte(b);
        }
    }

    public void U32(uint value) => U64(value);

    public void U64(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            Byte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }

    public void S64(long value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            Byte(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return;
            }
        }
    }

    public void F32(uint bits)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, bits);
        Bytes(b);
    }

    public void F64(ulong bits)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, bits);
        Bytes(b);
    }

    /// <summary>An opcode: one byte, or a prefix byte then the sub-opcode as u32 LEB128.</summary>
    public void Op(OpcodeInfo info)
    {
        if (info.Prefix == 0)
        {
            Byte((byte)info.Code);
        }
        else
        {
            Byte((byte)info.Prefix);
            U32((uint)info.Code);
        }
    }

    public void Op(Opcode opcode) => Op(OpcodeTable.Get(opcode));

    public void HeapType(HeapType heap)
    {
        if (heap.IsConcrete)
        {
            S64(heap.Index);
        }
        else
        {
            Byte((byte)heap.Kind);
        }
    }

    public void ValType(ValType type)
    {
        if (!type.IsRef)
        {
            Byte((byte)type.Kind);
        }
        else if (type.Nullable && !type.Heap.IsConcrete)
        {
            // Nullable abstract references have one-byte shorthands (funcref = 0x70, ...).
            Byte((byte)type.Heap.Kind);
        }
        else
        {
            Byte(type.Nullable ? (byte)0x63 : (byte)0x64);
            HeapType(type.Heap);
        }
    }

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();
}
