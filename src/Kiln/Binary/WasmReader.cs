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

    /// <summary>The reason for running out of bytes; the reference interpreter's wording, of which "unexpected end" is a prefix.</summary>
    public const string UnexpectedEnd = "unexpected end of section or function";

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
            throw Error(UnexpectedEnd);
        }

        return _data[_pos++];
    }

    public readonly byte PeekByte()
    {
        if (_pos >= _data.Length)
        {
            throw Error(UnexpectedEnd);
        }

        return _data[_pos];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _data.Length - _pos)
        {
            throw Error(UnexpectedEnd);
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
                // As the reference interpreter: value bits beyond the width are "too large" even when the
                // continuation bit is also set; a continuation on the last allowed byte is "too long".
                int usedBits = bits - shift;
                if (usedBits < 7 && ((b & 0x7F) >> usedBits) != 0)
                {
                    throw ErrorAt("integer too large", Offset - 1);
                }

                if ((b & 0x80) != 0)
                {
                    throw ErrorAt("integer representation too long", Offset);
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
                // The bits beyond the value's width, and its sign bit, must all be equal.
                int usedBits = bits - shift;
                if (usedBits < 7)
                {
                    int mask = (-1 << (usedBits - 1)) & 0x7F;
                    if ((b & mask) != 0 && (b & mask) != mask)
                    {
                        throw ErrorAt("integer too large", Offset - 1);
                    }
                }

                if ((b & 0x80) != 0)
                {
                    throw ErrorAt("integer representation too long", Offset);
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
        int at = Offset;
        uint len = ReadLength();

        var bytes = ReadBytes((int)len);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ErrorAt("malformed UTF-8 encoding", at);
        }
    }

    /// <summary>Reads a vector length and checks it against the bytes left (each element takes at least one byte).</summary>
    public int ReadCount() => (int)ReadLength();

    /// <summary>
    /// Reads a u32 length (of a vector, name, section or body) that cannot fit in the bytes left. As in the reference
    /// interpreter, the bound counts from the length's own first byte, so one too many reads on and fails as "unexpected end".
    /// </summary>
    public uint ReadLength()
    {
        int at = Offset;
        int left = Remaining;
        uint n = ReadU32();
        return n <= (uint)left ? n : throw ErrorAt("length out of bounds", at);
    }

    public HeapType ReadHeapType()
    {
        int start = Offset;
        byte b = PeekByte();

        // Abstract heap types are single negative bytes; anything else is a non-negative s33 type index.
        if ((b & 0xC0) == 0x40)
        {
            _pos++;
            return IsAbstractHeapCode(b) ? new HeapType((HeapKind)b) : throw ErrorAt("malformed heap type", start);
        }

        long v = ReadS33();
        if (v < 0)
        {
            throw ErrorAt("malformed heap type", start);
        }

        return v > int.MaxValue ? throw ErrorAt("integer too large", start) : HeapType.OfIndex((int)v);
    }

    /// <summary>Reads a reference type (table and element types): 0x63/0x64 with a heap type, or an abstract shorthand.</summary>
    public ValType ReadRefType()
    {
        int start = Offset;
        byte b = ReadByte();
        return b is not (0x7F or 0x7E or 0x7D or 0x7C or 0x7B) && TryDecodeValType(ref this, b, out var t)
            ? t
            : throw MalformedType(b, "malformed reference type", start);
    }

    public ValType ReadValType()
    {
        int start = Offset;
        byte b = ReadByte();
        return TryDecodeValType(ref this, b, out var t) ? t : throw MalformedType(b, "malformed value type", start);
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

        int start = Offset;
        _pos++;
        return TryDecodeValType(ref this, b, out var t) ? t : throw MalformedType(b, "malformed storage type", start);
    }

    /// <summary>
    /// The error for a type code <paramref name="b"/> that is not one. Type codes are s7 values, so a byte with the
    /// continuation bit is a too-long encoding (as the reference interpreter reports), not an unknown type.
    /// </summary>
    public readonly WasmDecodeException MalformedType(byte b, string reason, int offset) =>
        (b & 0x80) != 0 ? ErrorAt("integer representation too long", offset + 1) : ErrorAt(reason, offset);

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

    /// <summary>Reads limits after their flags byte (bit 0: a maximum follows). Bounds are u64 in every address type, as in Wasm 3.0; validation checks the ranges.</summary>
    public Limits ReadLimits(byte flags)
    {
        ulong min = ReadU64();
        ulong? max = (flags & 1) != 0 ? ReadU64() : null;
        return new Limits(min, max);
    }
}
