using Kiln.Binary;

namespace Kiln.Tests.Binary;

public class WasmReaderTests
{
    private static string ReasonOf(Action read) => Assert.Throws<WasmDecodeException>(read).Reason;

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0u)]
    [InlineData(new byte[] { 0x7F }, 127u)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128u)]
    [InlineData(new byte[] { 0x80, 0x00 }, 0u)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x00 }, 0u)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, uint.MaxValue)]
    public void ReadU32_decodes_shortest_and_padded_forms(byte[] bytes, uint expected)
    {
        var r = new WasmReader(bytes);
        Assert.Equal(expected, r.ReadU32());
        Assert.True(r.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x90, 0x00 }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0x80, 0x80 }, "unexpected end")]
    [InlineData(new byte[] { }, "unexpected end")]
    public void ReadU32_rejects_unused_bits_overlong_and_truncated(byte[] bytes, string reason)
    {
        Assert.StartsWith(reason, ReasonOf(() => new WasmReader(bytes).ReadU32()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F }, -1)]
    [InlineData(new byte[] { 0x40 }, -64)]
    [InlineData(new byte[] { 0x3F }, 63)]
    [InlineData(new byte[] { 0xC0, 0x00 }, 64)]
    [InlineData(new byte[] { 0xFF, 0x7F }, -1)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, int.MaxValue)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x78 }, int.MinValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, -1)]
    public void ReadS32_decodes_sign_extension(byte[] bytes, int expected)
    {
        var r = new WasmReader(bytes);
        Assert.Equal(expected, r.ReadS32());
        Assert.True(r.AtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, "integer too large")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x4F }, "integer too large")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "integer representation too long")]
    public void ReadS32_rejects_bits_that_differ_from_the_sign(byte[] bytes, string reason)
    {
        Assert.Equal(reason, ReasonOf(() => new WasmReader(bytes).ReadS32()));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, 0xFFFFFFFFL)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 }, -0x100000000L)]
    [InlineData(new byte[] { 0x40 }, -64L)]
    public void ReadS33_covers_the_u32_range_and_negatives(byte[] bytes, long expected)
    {
        Assert.Equal(expected, new WasmReader(bytes).ReadS33());
    }

    [Fact]
    public void ReadS33_rejects_bits_beyond_33()
    {
        Assert.Equal("integer too large", ReasonOf(() => new WasmReader(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x20 }).ReadS33()));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, 0UL)]
    public void ReadU64_decodes_ten_byte_forms(byte[] bytes, ulong expected)
    {
        Assert.Equal(expected, new WasmReader(bytes).ReadU64());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    public void ReadU64_rejects_unused_bits_and_overlong(byte[] bytes, string reason)
    {
        Assert.Equal(reason, ReasonOf(() => new WasmReader(bytes).ReadU64()));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 }, long.MaxValue)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F }, long.MinValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, -1L)]
    public void ReadS64_decodes_extremes(byte[] bytes, long expected)
    {
        Assert.Equal(expected, new WasmReader(bytes).ReadS64());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E })]
    public void ReadS64_rejects_unused_bits_that_differ_from_the_sign(byte[] bytes)
    {
        Assert.Equal("integer too large", ReasonOf(() => new WasmReader(bytes).ReadS64()));
    }

    [Fact]
    public void Errors_carry_the_absolute_offset_and_section()
    {
        var e = Assert.Throws<WasmDecodeException>(() => new WasmReader(new byte[] { 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, baseOffset: 100, "type") { Position = 1 }.ReadU32());
        Assert.Equal(105, e.Offset);
        Assert.Equal("type", e.Section);
    }

    [Fact]
    public void ReadName_rejects_invalid_utf8()
    {
        Assert.Equal("malformed UTF-8 encoding", ReasonOf(() => new WasmReader(new byte[] { 0x02, 0xC0, 0x80 }).ReadName()));
    }

    [Fact]
    public void ReadCount_rejects_lengths_beyond_the_data()
    {
        Assert.Equal("length out of bounds", ReasonOf(() => new WasmReader(new byte[] { 0x05, 0x00 }).ReadCount()));
    }

    [Theory]
    [InlineData(new byte[] { 0x7F }, "i32")]
    [InlineData(new byte[] { 0x7B }, "v128")]
    [InlineData(new byte[] { 0x70 }, "(ref null func)")]
    [InlineData(new byte[] { 0x64, 0x6E }, "(ref any)")]
    [InlineData(new byte[] { 0x63, 0x05 }, "(ref null 5)")]
    [InlineData(new byte[] { 0x69 }, "(ref null exn)")]
    public void ReadValType_decodes_numbers_vectors_and_references(byte[] bytes, string expected)
    {
        Assert.Equal(expected, new WasmReader(bytes).ReadValType().ToString());
    }

    [Theory]
    [InlineData(new byte[] { 0x40 }, "malformed value type")]
    [InlineData(new byte[] { 0x78 }, "malformed value type")]
    [InlineData(new byte[] { 0x63, 0x65 }, "malformed heap type")]
    [InlineData(new byte[] { 0xFF, 0x7F }, "integer representation too long")]
    public void ReadValType_rejects_unknown_codes(byte[] bytes, string reason)
    {
        Assert.Equal(reason, ReasonOf(() => new WasmReader(bytes).ReadValType()));
    }

    [Fact]
    public void ReadStorageType_accepts_packed_types()
    {
        Assert.Equal(ValType.I8, new WasmReader(new byte[] { 0x78 }).ReadStorageType());
        Assert.Equal("malformed storage type", ReasonOf(() => new WasmReader(new byte[] { 0x76 }).ReadStorageType()));
    }
}
