using Kiln.Binary;
using Kiln.Text;
using Kiln.Wast;

namespace Kiln.Tests.Spec;

public sealed class WastResultMatcherTests
{
    private static WastResult Exact(WastValueKind kind, ulong bits, ulong high = 0) => new(WastResultKind.Exact) { Value = new WastValue(kind, bits, high) };

    private static WastResult Nan(WastResultKind kind, ValType type) => new(kind) { Type = type };

    private static WastValue F32(uint bits) => new(WastValueKind.F32, bits);

    private static WastValue F64(ulong bits) => new(WastValueKind.F64, bits);

    [Fact]
    public void Exact_numbers_match_bit_for_bit_and_by_type()
    {
        Assert.True(WastResultMatcher.Matches(Exact(WastValueKind.I32, 5), new WastValue(WastValueKind.I32, 5)));
        Assert.False(WastResultMatcher.Matches(Exact(WastValueKind.I32, 5), new WastValue(WastValueKind.I64, 5)));
        Assert.False(WastResultMatcher.Matches(Exact(WastValueKind.F32, 0x0000_0000), F32(0x8000_0000)));
        Assert.True(WastResultMatcher.Matches(Exact(WastValueKind.F32, 0x7FA0_0000), F32(0x7FA0_0000)));
        Assert.False(WastResultMatcher.Matches(Exact(WastValueKind.F32, 0x7FA0_0000), F32(0x7FC0_0000)));
    }

    [Theory]
    [InlineData(0x7FC0_0000u, true, true)]
    [InlineData(0xFFC0_0000u, true, true)]
    [InlineData(0x7FC0_0001u, false, true)]
    [InlineData(0x7FE0_0000u, false, true)]
    [InlineData(0x7FA0_0000u, false, false)]
    [InlineData(0x7F80_0000u, false, false)]
    [InlineData(0x3F80_0000u, false, false)]
    public void F32_nan_patterns_match_by_class(uint bits, bool canonical, bool arithmetic)
    {
        Assert.Equal(canonical, WastResultMatcher.Matches(Nan(WastResultKind.NanCanonical, ValType.F32), F32(bits)));
        Assert.Equal(arithmetic, WastResultMatcher.Matches(Nan(WastResultKind.NanArithmetic, ValType.F32), F32(bits)));
    }

    [Theory]
    [InlineData(0x7FF8_0000_0000_0000ul, true, true)]
    [InlineData(0xFFF8_0000_0000_0000ul, true, true)]
    [InlineData(0x7FF8_0000_0000_0001ul, false, true)]
    [InlineData(0x7FF4_0000_0000_0000ul, false, false)]
    [InlineData(0x7FF0_0000_0000_0000ul, false, false)]
    public void F64_nan_patterns_match_by_class(ulong bits, bool canonical, bool arithmetic)
    {
        Assert.Equal(canonical, WastResultMatcher.Matches(Nan(WastResultKind.NanCanonical, ValType.F64), F64(bits)));
        Assert.Equal(arithmetic, WastResultMatcher.Matches(Nan(WastResultKind.NanArithmetic, ValType.F64), F64(bits)));
    }

    [Fact]
    public void Nan_pattern_of_one_width_does_not_match_the_other()
    {
        Assert.False(WastResultMatcher.Matches(Nan(WastResultKind.NanCanonical, ValType.F32), F64(0x7FC0_0000)));
        Assert.False(WastResultMatcher.Matches(Nan(WastResultKind.NanCanonical, ValType.F64), F32(0x7FC0_0000)));
    }

    [Fact]
    public void V128_lanes_match_one_by_one()
    {
        // f32x4: 1.0, nan:canonical, -0.0, nan:arithmetic
        var pattern = new WastResult(WastResultKind.V128Lanes)
        {
            Shape = WastLaneShape.F32x4,
            Lanes =
            [
                Exact(WastValueKind.F32, 0x3F80_0000),
                Nan(WastResultKind.NanCanonical, ValType.F32),
                Exact(WastValueKind.F32, 0x8000_0000),
                Nan(WastResultKind.NanArithmetic, ValType.F32),
            ],
        };
        Assert.True(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 0xFFC0_0000_3F80_0000, 0x7FC0_0001_8000_0000)));
        Assert.False(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 0x7FC0_0001_3F80_0000, 0x7FC0_0001_8000_0000)));
        Assert.False(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 0xFFC0_0000_3F80_0000, 0x7FC0_0001_0000_0000)));
        Assert.False(WastResultMatcher.Matches(pattern, F32(0x3F80_0000)));
    }

    [Fact]
    public void V128_f64_lanes_use_64_bit_nan_rules()
    {
        var pattern = new WastResult(WastResultKind.V128Lanes)
        {
            Shape = WastLaneShape.F64x2,
            Lanes = [Nan(WastResultKind.NanCanonical, ValType.F64), Exact(WastValueKind.F64, 0x4000_0000_0000_0000)],
        };
        Assert.True(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 0x7FF8_0000_0000_0000, 0x4000_0000_0000_0000)));
        Assert.False(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 0x7FF8_0000_0000_0001, 0x4000_0000_0000_0000)));
    }

    [Fact]
    public void Exact_v128_compares_all_128_bits()
    {
        var pattern = Exact(WastValueKind.V128, 1, 2);
        Assert.True(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 1, 2)));
        Assert.False(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.V128, 1, 3)));
    }

    [Fact]
    public void Either_matches_any_alternative()
    {
        var pattern = new WastResult(WastResultKind.Either) { Alternatives = [Exact(WastValueKind.I32, 1), Exact(WastValueKind.I32, 2)] };
        Assert.True(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.I32, 2)));
        Assert.False(WastResultMatcher.Matches(pattern, new WastValue(WastValueKind.I32, 3)));
    }

    [Theory]
    [InlineData("RefNull", "RefNull", true)]
    [InlineData("RefNull", "RefFunc", false)]
    [InlineData("RefFunc", "RefFunc", true)]
    [InlineData("RefFunc", "RefNull", false)]
    [InlineData("RefExtern", "RefExtern", true)]
    [InlineData("RefExtern", "RefExternInternal", true)]
    [InlineData("RefExtern", "RefHost", false)]
    [InlineData("RefStruct", "RefStruct", true)]
    [InlineData("RefStruct", "RefArray", false)]
    [InlineData("RefArray", "RefArray", true)]
    [InlineData("RefI31", "RefI31", true)]
    [InlineData("RefEq", "RefI31", true)]
    [InlineData("RefEq", "RefStruct", true)]
    [InlineData("RefEq", "RefHost", false)]
    [InlineData("RefAny", "RefHost", true)]
    [InlineData("RefAny", "RefArray", true)]
    [InlineData("RefAny", "RefFunc", false)]
    [InlineData("RefAny", "RefNull", false)]
    [InlineData("RefExn", "RefExn", true)]
    public void Reference_patterns_match_by_kind(string pattern, string actual, bool matches)
    {
        var expected = new WastResult(Enum.Parse<WastResultKind>(pattern));
        Assert.Equal(matches, WastResultMatcher.Matches(expected, new WastValue(Enum.Parse<WastValueKind>(actual), 0)));
    }

    [Fact]
    public void Host_reference_patterns_compare_the_number()
    {
        var extern3 = new WastResult(WastResultKind.RefExtern) { Value = new WastValue(WastValueKind.RefExtern, 3) };
        Assert.True(WastResultMatcher.Matches(extern3, new WastValue(WastValueKind.RefExtern, 3)));
        Assert.False(WastResultMatcher.Matches(extern3, new WastValue(WastValueKind.RefExtern, 4)));
        Assert.False(WastResultMatcher.Matches(extern3, new WastValue(WastValueKind.RefHost, 3)));
        var host1 = new WastResult(WastResultKind.RefHost) { Value = new WastValue(WastValueKind.RefHost, 1) };
        Assert.True(WastResultMatcher.Matches(host1, new WastValue(WastValueKind.RefHost, 1)));
        Assert.False(WastResultMatcher.Matches(host1, new WastValue(WastValueKind.RefExtern, 1)));
    }

    [Fact]
    public void Formatter_writes_script_syntax()
    {
        Assert.Equal("(i32.const -1)", WastFormatter.Format(new WastValue(WastValueKind.I32, 0xFFFF_FFFF)));
        Assert.Equal("(f32.const -nan:0x200000)", WastFormatter.Format(F32(0xFFA0_0000)));
        Assert.Equal("(f64.const inf)", WastFormatter.Format(F64(0x7FF0_0000_0000_0000)));
        Assert.Equal("(f32.const 1.5)", WastFormatter.Format(F32(0x3FC0_0000)));
        Assert.Equal("(f64.const nan:canonical)", WastFormatter.Format(Nan(WastResultKind.NanCanonical, ValType.F64)));
        Assert.Equal("(ref.extern 3)", WastFormatter.Format(new WastResult(WastResultKind.RefExtern) { Value = new WastValue(WastValueKind.RefExtern, 3) }));
        Assert.Equal("(ref.struct)", WastFormatter.Format(new WastResult(WastResultKind.RefStruct)));
    }
}
