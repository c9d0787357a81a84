using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary>
/// Relaxed SIMD (0xFD 0x100-0x113). The spec lets each of these return one of a set of results; Kiln makes one fixed choice,
/// the same on every host and ISA level (the portable paths emulate the x86 instruction where one is chosen), so a module
/// never behaves differently after moving to another machine:
/// <list type="bullet">
/// <item><c>i8x16.relaxed_swizzle</c>: x86 <c>pshufb</c> — an index with bit 7 set gives 0, any other index uses its low 4 bits.</item>
/// <item><c>i32x4.relaxed_trunc_f32x4_s</c>, <c>..._f64x2_s_zero</c>: x86 <c>cvttps2dq</c>/<c>cvttpd2dq</c> — NaN and
/// out-of-range lanes give INT32_MIN.</item>
/// <item><c>i32x4.relaxed_trunc_f32x4_u</c>, <c>..._f64x2_u_zero</c>: the saturating result of <c>trunc_sat</c> (NaN gives 0).</item>
/// <item><c>relaxed_madd</c>/<c>relaxed_nmadd</c>: fused, one rounding (<c>a*b+c</c>, <c>-(a*b)+c</c>).</item>
/// <item><c>relaxed_laneselect</c> (all shapes): <c>v128.bitselect</c>.</item>
/// <item><c>relaxed_min</c>/<c>relaxed_max</c>: x86 <c>minps</c>/<c>maxps</c> — <c>a &lt; b ? a : b</c> and
/// <c>a &gt; b ? a : b</c>, so a NaN or a pair of zeros gives <c>b</c> unchanged.</item>
/// <item><c>i16x8.relaxed_q15mulr_s</c>: x86 <c>pmulhrsw</c> — -32768 * -32768 gives -32768 (no saturation).</item>
/// <item><c>i16x8.relaxed_dot_i8x16_i7x16_s</c>: x86 <c>pmaddubsw(b, a)</c> — <c>b</c> lanes unsigned, <c>a</c> signed, the pair
/// sum saturated to i16. <c>i32x4.relaxed_dot_i8x16_i7x16_add_s</c>: that i16x8 result, adjacent pairs summed to i32, plus
/// <c>c</c> (wrapping). AVX-VNNI's unsaturated <c>vpdpbusd</c> is deliberately not used, to keep one answer.</item>
/// </list>
/// </summary>
internal static class RelaxedOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16RelaxedSwizzle(V a, V s)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Shuffle(a, s);
        }

        return Vector128.Shuffle(a, s & Vector128.Create((byte)0x8F));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4RelaxedTruncF32x4S(V a)
    {
        var x = a.AsSingle();
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Int32WithTruncation(x).AsByte();
        }

        var inRange = Vector128.GreaterThanOrEqual(x, Vector128.Create(-2147483648f)) & Vector128.LessThan(x, Vector128.Create(2147483648f));
        return Vector128.ConditionalSelect(inRange.AsInt32(), Vector128.ConvertToInt32(x), Vector128.Create(int.MinValue)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4RelaxedTruncF32x4U(V a) => I32x4Ops.TruncSatF32x4U(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4RelaxedTruncF64x2SZero(V a)
    {
        var x = a.AsDouble();
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Int32WithTruncation(x).AsByte();
        }

        // In range means the truncation fits: -2^31 - 1 < x < 2^31.
        var inRange = Vector128.GreaterThan(x, Vector128.Create(-2147483649.0)) & Vector128.LessThan(x, Vector128.Create(2147483648.0));
        var wide = Vector128.ConditionalSelect(inRange.AsInt64(), Vector128.ConvertToInt64(x), Vector128.Create((long)int.MinValue));
        return Vector128.Narrow(wide, Vector128<long>.Zero).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4RelaxedTruncF64x2UZero(V a) => I32x4Ops.TruncSatF64x2UZero(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4RelaxedMadd(V a, V b, V c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).AsByte();
        }

        return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4RelaxedNmadd(V a, V b, V c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAddNegated(a.AsSingle(), b.AsSingle(), c.AsSingle()).AsByte();
        }

        // Negating a first is exact, so this is still -(a*b)+c with one rounding.
        return Vector128.FusedMultiplyAdd(-a.AsSingle(), b.AsSingle(), c.AsSingle()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2RelaxedMadd(V a, V b, V c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).AsByte();
        }

        return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2RelaxedNmadd(V a, V b, V c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAddNegated(a.AsDouble(), b.AsDouble(), c.AsDouble()).AsByte();
        }

        return Vector128.FusedMultiplyAdd(-a.AsDouble(), b.AsDouble(), c.AsDouble()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I8x16RelaxedLaneselect(V a, V b, V mask) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8RelaxedLaneselect(V a, V b, V mask) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4RelaxedLaneselect(V a, V b, V mask) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I64x2RelaxedLaneselect(V a, V b, V mask) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4RelaxedMin(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        return (Sse.IsSupported ? Sse.Min(x, y) : Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F32x4RelaxedMax(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        return (Sse.IsSupported ? Sse.Max(x, y) : Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2RelaxedMin(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        return (Sse2.IsSupported ? Sse2.Min(x, y) : Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V F64x2RelaxedMax(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        return (Sse2.IsSupported ? Sse2.Max(x, y) : Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8RelaxedQ15mulrS(V a, V b)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16()).AsByte();
        }

        var (lo, hi) = I16x8Ops.Q15Wide(a, b);
        return Vector128.Narrow(lo, hi).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I16x8RelaxedDotI8x16I7x16S(V a, V b)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.MultiplyAddAdjacent(b, a.AsSByte()).AsByte();
        }

        // pmaddubsw: products of unsigned b and signed a bytes fit in i16; the pair sums saturate.
        var x = a.AsInt16();
        var y = b.AsUInt16();
        var low8 = Vector128.Create((ushort)0xFF);
        var even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 8), 8) * (y & low8).AsInt16();
        var odd = Vector128.ShiftRightArithmetic(x, 8) * Vector128.ShiftRightLogical(y, 8).AsInt16();
        return Vector128.AddSaturate(even, odd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V I32x4RelaxedDotI8x16I7x16AddS(V a, V b, V c)
    {
        var pairs = I16x8RelaxedDotI8x16I7x16S(a, b);
        return (I32x4Ops.ExtaddPairwiseI16x8S(pairs).AsInt32() + c.AsInt32()).AsByte();
    }
}
