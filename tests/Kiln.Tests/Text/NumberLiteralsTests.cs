using Kiln.Text;

namespace Kiln.Tests.Text;

public class NumberLiteralsTests
{
    [Theory]
    [InlineData("0", 0u)]
    [InlineData("4294967295", 0xFFFFFFFFu)]
    [InlineData("0xffff_ffff", 0xFFFFFFFFu)]
    [InlineData("-2147483648", 0x80000000u)]
    [InlineData("+2147483647", 0x7FFFFFFFu)]
    [InlineData("-1", 0xFFFFFFFFu)]
    [InlineData("-0x8000_0000", 0x80000000u)]
    [InlineData("0_123_456_789", 123456789u)]
    public void TryParseI32_accepts_signed_and_unsigned_ranges(string text, uint expected)
    {
        Assert.True(NumberLiterals.TryParseI32(text, out uint v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("4294967296")]
    [InlineData("0x1_0000_0000")]
    [InlineData("-2147483649")]
    [InlineData("+2147483648")]
    [InlineData("1.0")]
    [InlineData("nan")]
    [InlineData("1__0")]
    public void TryParseI32_rejects_out_of_range_or_non_integers(string text)
    {
        Assert.False(NumberLiterals.TryParseI32(text, out _));
    }

    [Theory]
    [InlineData("18446744073709551615", 0xFFFFFFFFFFFFFFFFUL)]
    [InlineData("-9223372036854775808", 0x8000000000000000UL)]
    [InlineData("0x7fffffffffffffff", 0x7FFFFFFFFFFFFFFFUL)]
    [InlineData("-0x1", 0xFFFFFFFFFFFFFFFFUL)]
    public void TryParseI64_accepts_extremes(string text, ulong expected)
    {
        Assert.True(NumberLiterals.TryParseI64(text, out ulong v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("-9223372036854775809")]
    [InlineData("0x1_0000_0000_0000_0000")]
    public void TryParseI64_rejects_out_of_range(string text)
    {
        Assert.False(NumberLiterals.TryParseI64(text, out _));
    }

    [Fact]
    public void TryParseInt_checks_lane_widths()
    {
        Assert.True(NumberLiterals.TryParseInt("255", 8, out ulong a));
        Assert.Equal(255UL, a);
        Assert.True(NumberLiterals.TryParseInt("-128", 8, out ulong b));
        Assert.Equal(0x80UL, b);
        Assert.False(NumberLiterals.TryParseInt("256", 8, out _));
        Assert.False(NumberLiterals.TryParseInt("-129", 8, out _));
        Assert.False(NumberLiterals.TryParseInt("-32769", 16, out _));
    }

    [Fact]
    public void TryParseU64_rejects_signs()
    {
        Assert.True(NumberLiterals.TryParseU64("0x10", out ulong v));
        Assert.Equal(16UL, v);
        Assert.False(NumberLiterals.TryParseU64("+1", out _));
    }

    [Theory]
    [InlineData("0", 0x00000000u)]
    [InlineData("-0", 0x80000000u)]
    [InlineData("1", 0x3F800000u)]
    [InlineData("0x1p0", 0x3F800000u)]
    [InlineData("-0x1.8p1", 0xC0400000u)]
    [InlineData("inf", 0x7F800000u)]
    [InlineData("-inf", 0xFF800000u)]
    [InlineData("nan", 0x7FC00000u)]
    [InlineData("-nan", 0xFFC00000u)]
    [InlineData("nan:0x200000", 0x7FA00000u)]
    [InlineData("-nan:0x7fffff", 0xFFFFFFFFu)]
    [InlineData("0x1p-149", 0x00000001u)]
    [InlineData("0x1p-150", 0x00000000u)]
    [InlineData("0x1.000001p-150", 0x00000001u)]
    [InlineData("0x1.fffffep127", 0x7F7FFFFFu)]
    [InlineData("0x1.fffffefffffffffffp127", 0x7F7FFFFFu)]
    [InlineData("0x1.00000100000000000p-50", 0x26800000u)]
    [InlineData("0x1.00000100000000001p-50", 0x26800001u)]
    [InlineData("0x1.000003p-50", 0x26800002u)]
    [InlineData("0x0.00000100000000000p-126", 0x00000000u)]
    [InlineData("0x1.fffffcp-127", 0x007FFFFFu)]
    [InlineData("0x1.fffffep-127", 0x00800000u)]
    [InlineData("3.4028234663852886e38", 0x7F7FFFFFu)]
    [InlineData("1e-46", 0x00000000u)]
    [InlineData("0123456789.e019", 0x6C7F4D7Bu)]
    [InlineData("1_000.000_1", 0x447A0002u)]
    [InlineData("+1.000000059604644775390625", 0x3F800000u)]
    [InlineData("+1.00000005960464477539062501", 0x3F800001u)]
    [InlineData("0x123456789ABCDEF", 0x5B91A2B4u)]
    public void TryParseF32_rounds_to_nearest_even(string text, uint expected)
    {
        Assert.True(NumberLiterals.TryParseF32(text, out uint v), text);
        Assert.Equal(expected.ToString("X8"), v.ToString("X8"));
    }

    [Theory]
    [InlineData("0x1p128")]
    [InlineData("0x1.ffffffp127")]
    [InlineData("1e39")]
    [InlineData("-340282356779733661637539395458142568448")]
    [InlineData("nan:0x0")]
    [InlineData("nan:0x80_0000")]
    [InlineData("1e1000000000000")]
    public void TryParseF32_rejects_out_of_range(string text)
    {
        Assert.False(NumberLiterals.TryParseF32(text, out _));
    }

    [Theory]
    [InlineData("1", 0x3FF0000000000000UL)]
    [InlineData("0x1p-1074", 0x0000000000000001UL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("0x1.fffffffffffff7ffffffp1023", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("nan:0x8000000000000", 0x7FF8000000000000UL)]
    [InlineData("-nan:0xfffffffffffff", 0xFFFFFFFFFFFFFFFFUL)]
    [InlineData("0x1.00000000000008p0", 0x3FF0000000000000UL)]
    [InlineData("0x1.00000000000018p0", 0x3FF0000000000002UL)]
    [InlineData("0x1.000000000000080000000001p0", 0x3FF0000000000001UL)]
    [InlineData("1e-400", 0UL)]
    [InlineData("1e-1000000000000", 0UL)]
    [InlineData("0.1", 0x3FB999999999999AUL)]
    public void TryParseF64_rounds_to_nearest_even(string text, ulong expected)
    {
        Assert.True(NumberLiterals.TryParseF64(text, out ulong v), text);
        Assert.Equal(expected.ToString("X16"), v.ToString("X16"));
    }

    [Theory]
    [InlineData("0x1p1024")]
    [InlineData("0x1.fffffffffffff8p1023")]
    [InlineData("1e309")]
    [InlineData("nan:0x10_0000_0000_0000")]
    public void TryParseF64_rejects_out_of_range(string text)
    {
        Assert.False(NumberLiterals.TryParseF64(text, out _));
    }
}
