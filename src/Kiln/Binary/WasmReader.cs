using System.Buffers.Binary;
using System.Text;

namespace Kiln.Binary;

/// <summary>
/// Reads the primitive encodings of the binary format (LEB128 integers, floats, names, types) from a span.
/// Errors carry the absolute module offset (<see cref="BaseOffset"/> + position) and the section name.
/// </summary>
internal ref struct WasmReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public WasmReader(ReadOnlySpan<byte> data, int baseOffset = 0, string? section = null)
    {
        _data = data;
        BaseOffset = baseOffset;
        Section = section;
    }

    public int BaseOffset { get; }
    public string? Section { get; set; }

    /// <summary>Position within the span given to the constructor.</summary>
    public int Position
    {
        readonly get => _pos;
        set => _pos = value;
    }

    /// <summary>Absolute offset in the module of the next byte.</summary>
    public readonly int Offset => BaseOffset + _pos;
    public readonly bool AtEnd => _pos >= _data.Length;
    public readonly int Remaining => _data.Length - _pos;
    public readonly ReadOnlySpan<byte> Data => _data;

    public readonly WasmDecodeException Error(string reason) => new(reason, Offset, Section);

    public readonly WasmDecodeException ErrorAt(string reason, int offset) => new(reason, offset, Section);

    public byte ReadByte()
    {
        if (_pos >= _data.Length)
        {
            throw Error("unexpected end");
        }

        return _data[_pos++];
    }

    public readonly byte PeekByte()
    {
        if (_pos >= _data.Length)
        {
            throw Error("unexpected end");
        }

        return _data[_pos];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _data.Length - _pos)
        {
            throw Error("unexpected end");
        }

        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    public uint ReadU32() => (uint)ReadUnsigned(32);

    public ulong ReadU64() => ReadUnsigned(64);

    public int ReadS32() => (int)ReadSigned(32);

    public long ReadS33() => ReadSigned(33);

    public long ReadS64() => ReadSigned(64);

    /// <summary>Reads a u32 used as a count or index that must fit an <see cref="int"/>.</summary>
    public int ReadIndex()
    {
        uint v = ReadU32();
        return v > int.MaxValue ? throw Error("integer too large") : (int)v;
    }

    private ulong ReadUnsigned(int bits)
    {
        ulong result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++)
        {
            byte b = ReadByte();
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0)
                {
                    throw ErrorAt("integer representation too long", Offset - 1);
                }

                int usedBits = bits - shift;
                if (usedBits < 7 && (b >> usedBits) != 0)
                {
                    throw ErrorAt("integer too large", Offset - 1);
                }
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            shift += 7;
        }
    }

    private long ReadSigned(int bits)
    {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; ; i++)
        {
            byte b = ReadByte();
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0)
                {
                    throw ErrorAt("integer representation too long", Offset - 1);
                }

                // The bits beyond the value's width must all equal its sign bit.
                int usedBits = bits - shift;
                if (usedBits < 7)
                {
                    int rest = (sbyte)(b << 1) >> usedBits;
                    if (rest != 0 && rest != -1)
                    {
                        throw ErrorAt("integer too large", Offset - 1);
                    }
                }
            }

            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                if (shift < 64 && (b & 0x40) != 0)
                {
                    result |= -1L << shift;
                }

                return result;
            }
        }
    }

    public uint ReadF32Bits() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadF64Bits() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>Reads a length-prefixed UTF-8 name.</summary>
    public string ReadName()
    {
        uint len = ReadU32();
        if (len > Remaining)
        {
            throw Error("length out of bounds");
        }

        var bytes = ReadBytes((int)len);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ErrorAt("malformed UTF-8 encoding", Offset - (int)len);
        }
    }

    /// <summary>Reads a vector length and checks it against the bytes left (each element takes at least one byte).</summary>
    public int ReadCount()
    {
        uint n = ReadU32();
        if (n > Remaining)
        {
            throw Error("length out of bounds");
        }

        return (int)n;
    }

    public HeapType ReadHeapType()
    {
        int start = Offset;
        long v = ReadS33();
        if (v >= 0)
        {
            return v > int.MaxValue ? throw ErrorAt("integer too large", start) : HeapType.OfIndex((int)v);
        }

        byte code = (byte)(v & 0x7F);
        return IsAbstractHeapCode(code) ? new HeapType((HeapKind)code) : throw ErrorAt("malformed heap type", start);
    }

    public ValType ReadValType()
    {
        int start = Offset;
        byte b = ReadByte();
        return TryDecodeValType(ref this, b, out var t) ? t : throw ErrorAt("malformed value type", start);
    }

    /// <summary>Reads a storage type: a value type or a packed i8/i16.</summary>
    public ValType ReadStorageType()
    {
        byte b = PeekByte();
        if (b is (byte)ValTypeKind.I8 or (byte)ValTypeKind.I16)
        {
            _pos++;
            return new ValType((ValTypeKind)b);
        }

        return ReadValType();
    }

    /// <summary>Decodes a value type whose first byte <paramref name="b"/> was already read.</summary>
    public static bool TryDecodeValType(ref WasmReader r, byte b, out ValType type)
    {
        switch (b)
        {
            case 0x7F or 0x7E or 0x7D or 0x7C or 0x7B:
                type = new ValType((ValTypeKind)b);
                return true;
            case 0x63 or 0x64:
                type = ValType.Ref(r.ReadHeapType(), nullable: b == 0x63);
                return true;
            default:
                if (IsAbstractHeapCode(b))
                {
                    type = ValType.Ref(new HeapType((HeapKind)b), nullable: true);
                    return true;
                }

                type = default;
                return false;
        }
    }

    public static bool IsAbstractHeapCode(byte code) => code is >= 0x69 and <= 0x74;

    public Limits ReadLimits(byte flags, bool is64)
    {
        ulong min = is64 ? ReadU64() : ReadU32();
        ulong? max = (flags & 1) != 0 ? (is64 ? ReadU64() : ReadU32()) : null;
        return new Limits(min, max);
    }
}
