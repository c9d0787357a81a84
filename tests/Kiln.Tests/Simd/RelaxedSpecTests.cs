using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Compiler.Simd;
using static Kiln.Tests.Simd.SimdReference;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>
/// Kiln's relaxed SIMD choices stay inside the sets of results the spec allows (SimdOperationTests checks the exact choice;
/// this checks the choice is legal), lane by lane over edge and random operands.
/// </summary>
public sealed class RelaxedSpecTests
{
    public static TheoryData<string> RelaxedOpcodes()
    {
        var data = new TheoryData<string>();
        foreach (var op in Enum.GetValues<Opcode>().Where(o => o.ToString().Contains("Relaxed", StringComparison.Ordinal)))
        {
            data.Add(op.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RelaxedOpcodes))]
    public void Relaxed_result_is_one_the_spec_allows_when_given_edge_and_random_operands(string opcodeName)
    {
        var op = SimdOperations.Get(Enum.Parse<Opcode>(opcodeName));
        var random = new Random(opcodeName.Length * 31);
        for (int sample = 0; sample < 3000; sample++)
        {
            var args = SimdOperationTests.Arguments(op, random, sample);
            var r = (V)SimdHarness.InvokeEmitted(op, args)!;
            var (a, b) = ((V)args[0], args.Length > 1 ? (V)args[1] : default);
            var c = args.Length > 2 ? (V)args[2] : default;
            for (int lane = 0; lane < 16; lane++)
            {
                Assert.True(Allowed(op.Opcode, a, b, c, r, lane), $"{opcodeName} lane {lane}: {Expected.Hex(a)} {Expected.Hex(b)} {Expected.Hex(c)} -> {Expected.Hex(r)}");
            }
        }
    }

    /// <summary>Whether lane <paramref name="i"/> of <paramref name="r"/> is allowed (lanes beyond the shape's count are ignored).</summary>
    private static bool Allowed(Opcode op, V a, V b, V c, V r, int i)
    {
        switch (op)
        {
            case Opcode.I8x16RelaxedSwizzle:
                return b[i] < 16 ? r[i] == a[b[i]] : b[i] >= 128 ? r[i] == 0 : r[i] == 0 || r[i] == a[b[i] % 16];
            case Opcode.I32x4RelaxedTruncF32x4S:
                return i >= 4 || TruncAllowed(F32(a, i), S32(r, i), int.MinValue, int.MaxValue, int.MinValue);
            case Opcode.I32x4RelaxedTruncF32x4U:
                return i >= 4 || TruncAllowed(F32(a, i), U32(r, i), 0, uint.MaxValue, uint.MaxValue);
            case Opcode.I32x4RelaxedTruncF64x2SZero:
                return i >= 4 || (i >= 2 ? S32(r, i) == 0 : TruncAllowed(F64(a, i), S32(r, i), int.MinValue, int.MaxValue, int.MinValue));
            case Opcode.I32x4RelaxedTruncF64x2UZero:
                return i >= 4 || (i >= 2 ? S32(r, i) == 0 : TruncAllowed(F64(a, i), U32(r, i), 0, uint.MaxValue, uint.MaxValue));
            case Opcode.F32x4RelaxedMadd or Opcode.F32x4RelaxedNmadd:
            {
                if (i >= 4)
                {
                    return true;
                }

                float x = op == Opcode.F32x4RelaxedNmadd ? -F32(a, i) : F32(a, i);
                return F32Allowed(F32(r, i), MathF.FusedMultiplyAdd(x, F32(b, i), F32(c, i))) || F32Allowed(F32(r, i), x * F32(b, i) + F32(c, i));
            }

            case Opcode.F64x2RelaxedMadd or Opcode.F64x2RelaxedNmadd:
            {
                if (i >= 2)
                {
                    return true;
                }

                double x = op == Opcode.F64x2RelaxedNmadd ? -F64(a, i) : F64(a, i);
                return F64Allowed(F64(r, i), Math.FusedMultiplyAdd(x, F64(b, i), F64(c, i))) || F64Allowed(F64(r, i), x * F64(b, i) + F64(c, i));
            }

            case Opcode.I8x16RelaxedLaneselect:
                return LaneselectAllowed(a, b, c, r, i, 1);
            case Opcode.I16x8RelaxedLaneselect:
                return LaneselectAllowed(a, b, c, r, i, 2);
            case Opcode.I32x4RelaxedLaneselect:
                return LaneselectAllowed(a, b, c, r, i, 4);
            case Opcode.I64x2RelaxedLaneselect:
                return LaneselectAllowed(a, b, c, r, i, 8);
            case Opcode.F32x4RelaxedMin or Opcode.F32x4RelaxedMax:
                return i >= 4 || MinMaxAllowed(U32(a, i), U32(b, i), U32(r, i), F32(a, i), F32(b, i), op == Opcode.F32x4RelaxedMin, F32(r, i));
            case Opcode.F64x2RelaxedMin or Opcode.F64x2RelaxedMax:
                return i >= 2 || MinMaxAllowed((long)U64(a, i), (long)U64(b, i), (long)U64(r, i), F64(a, i), F64(b, i), op == Opcode.F64x2RelaxedMin, F64(r, i));
            case Opcode.I16x8RelaxedQ15mulrS:
                if (i >= 8)
                {
                    return true;
                }

                return S16(a, i) == short.MinValue && S16(b, i) == short.MinValue
                    ? S16(r, i) is short.MinValue or short.MaxValue
                    : S16(r, i) == (S16(a, i) * S16(b, i) + 0x4000) >> 15;
            case Opcode.I16x8RelaxedDotI8x16I7x16S:
                return i >= 8 || DotAllowed(a, b, 2 * i, 2).Contains(S16(r, i));
            case Opcode.I32x4RelaxedDotI8x16I7x16AddS:
                return i >= 4 || DotAllowed(a, b, 4 * i, 4).Select(x => (long)(int)(x + S32(c, i))).Contains(S32(r, i));
            default:
                throw new NotSupportedException(op.ToString());
        }
    }

    private static bool TruncAllowed(double x, long got, long min, long max, long special)
    {
        if (double.IsNaN(x))
        {
            return got == 0 || got == special;
        }

        double t = Math.Truncate(x);
        return t < min ? got == min || got == special : t > max ? got == max || got == special : got == (long)t;
    }

    private static bool F32Allowed(float got, float want)
        => float.IsNaN(want) ? float.IsNaN(got) : BitConverter.SingleToUInt32Bits(got) == BitConverter.SingleToUInt32Bits(want);

    private static bool F64Allowed(double got, double want)
        => double.IsNaN(want) ? double.IsNaN(got) : BitConverter.DoubleToUInt64Bits(got) == BitConverter.DoubleToUInt64Bits(want);

    private static bool LaneselectAllowed(V a, V b, V m, V r, int i, int width)
    {
        int lane = i / width, first = lane * width;
        bool top = (m[first + width - 1] & 0x80) != 0;
        bool allOnes = Enumerable.Range(first, width).All(k => m[k] == 0xFF);
        bool allZeros = Enumerable.Range(first, width).All(k => m[k] == 0);
        byte bitselect = (byte)((a[i] & m[i]) | (b[i] & ~m[i]));
        return allOnes ? r[i] == a[i] : allZeros ? r[i] == b[i] : r[i] == bitselect || r[i] == (top ? a[i] : b[i]);
    }

    private static bool MinMaxAllowed(long aBits, long bBits, long rBits, double x, double y, bool min, double got)
    {
        if (double.IsNaN(x) || double.IsNaN(y) || (x == 0 && y == 0))
        {
            return rBits == aBits || rBits == bBits || (double.IsNaN(got) && (double.IsNaN(x) || double.IsNaN(y)))
                || (x == 0 && got == 0 && double.IsNegative(got) == (min ? double.IsNegative(x) || double.IsNegative(y) : double.IsNegative(x) && double.IsNegative(y)));
        }

        return got == (min ? Math.Min(x, y) : Math.Max(x, y));
    }

    /// <summary>Every sum the spec allows: b's lanes with the top bit set read signed or unsigned, pair sums saturated or not.</summary>
    private static HashSet<long> DotAllowed(V a, V b, int first, int count)
    {
        var sums = new HashSet<long> { 0 };
        for (int k = first; k < first + count; k += 2)
        {
            var next = new HashSet<long>();
            foreach (var pair in PairSums(a, b, k))
            {
                foreach (var s in sums)
                {
                    next.Add(s + pair);
                }
            }

            sums = next;
        }

        return sums;
    }

    private static IEnumerable<long> PairSums(V a, V b, int k)
    {
        long[] Products(int j) => (b[j] & 0x80) != 0 ? [S8(a, j) * S8(b, j), S8(a, j) * U8(b, j)] : [S8(a, j) * U8(b, j)];
        foreach (var p in Products(k))
        {
            foreach (var q in Products(k + 1))
            {
                yield return p + q;
                yield return Math.Clamp(p + q, short.MinValue, short.MaxValue);
                yield return (short)(p + q);
            }
        }
    }

    [Fact]
    public void Relaxed_dot_products_match_spec_suite_cases_when_b_top_bit_is_set()
    {
        var a = Map8(i => i < 4 ? -128 : 0);
        var b = Map8(i => i < 4 ? -127 : 0);
        var dot16 = I16x8RelaxedDot(a, b);
        Assert.Contains(S16(dot16, 0), new long[] { -32768, 32512, unchecked((short)33024) });
        var dot32 = RelaxedOps.I32x4RelaxedDotI8x16I7x16AddS(a, b, Vector128.Create(1, 2, 3, 4).AsByte());
        Assert.Contains(S32(dot32, 0), new long[] { -66047, -65535, 65025, 66049 });
        Assert.Equal([2L, 3, 4], Enumerable.Range(1, 3).Select(i => S32(dot32, i)));
    }

    private static V I16x8RelaxedDot(V a, V b) => RelaxedOps.I16x8RelaxedDotI8x16I7x16S(a, b);
}
