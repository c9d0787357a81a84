using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary><c>f64x2.*</c> instructions; NaN handling as described on <see cref="F32x4Ops"/>.</summary>
internal static class F64x2Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Splat(double x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExtractLane(V a, int lane) => a.AsDouble().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ReplaceLane(V a, double x, int lane) => a.AsDouble().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Eq(V a, V b) => Vector128.Equals(a.AsDouble(), b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ne(V a, V b) => (~Vector128.Equals(a.AsDouble(), b.AsDouble())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Lt(V a, V b) => Vector128.LessThan(a.AsDouble(), b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Gt(V a, V b) => Vector128.GreaterThan(a.AsDouble(), b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Le(V a, V b) => Vector128.LessThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ge(V a, V b) => Vector128.GreaterThanOrEqual(a.AsDouble(), b.AsDouble()).AsByte();

    /// <summary>f32 lanes 0-1 widened exactly to f64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V PromoteLowF32x4(V a)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Double(a.AsSingle()).AsByte();
        }

        return Vector128.WidenLower(a.AsSingle()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ceil(V a)
    {
        var x = a.AsDouble();
        return (Sse41.IsSupported ? Sse41.RoundToPositiveInfinity(x) : QuietNaNs(x, Vector128.Ceiling(x))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Floor(V a)
    {
        var x = a.AsDouble();
        return (Sse41.IsSupported ? Sse41.RoundToNegativeInfinity(x) : QuietNaNs(x, Vector128.Floor(x))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Trunc(V a)
    {
        var x = a.AsDouble();
        return (Sse41.IsSupported ? Sse41.RoundToZero(x) : QuietNaNs(x, Vector128.Truncate(x))).AsByte();
    }

    /// <summary>Round to nearest, ties to even.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Nearest(V a)
    {
        var x = a.AsDouble();
        return (Sse41.IsSupported ? Sse41.RoundToNearestInteger(x) : QuietNaNs(x, Vector128.Round(x))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Abs(V a) => (a.AsUInt64() & Vector128.Create(0x7FFF_FFFF_FFFF_FFFFul)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Neg(V a) => (a.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000ul)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sqrt(V a) => Vector128.Sqrt(a.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Add(V a, V b) => (a.AsDouble() + b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sub(V a, V b) => (a.AsDouble() - b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Mul(V a, V b) => (a.AsDouble() * b.AsDouble()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Div(V a, V b) => (a.AsDouble() / b.AsDouble()).AsByte();

    /// <summary>IEEE minimum: -0 &lt; +0, and a NaN operand gives the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Min(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        if (Sse2.IsSupported)
        {
            return CanonicalizeNaNs(Sse2.Min(x, y) | Sse2.Min(y, x), Sse2.CompareUnordered(x, y)).AsByte();
        }

        return CanonicalizeNaNs(Vector128.Min(x, y), ~(Vector128.Equals(x, x) & Vector128.Equals(y, y))).AsByte();
    }

    /// <summary>IEEE maximum: +0 &gt; -0, and a NaN operand gives the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Max(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        if (Sse2.IsSupported)
        {
            return CanonicalizeNaNs(Sse2.Max(x, y) & Sse2.Max(y, x), Sse2.CompareUnordered(x, y)).AsByte();
        }

        return CanonicalizeNaNs(Vector128.Max(x, y), ~(Vector128.Equals(x, x) & Vector128.Equals(y, y))).AsByte();
    }

    /// <summary>Pseudo-minimum <c>b &lt; a ? b : a</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Pmin(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        return (Sse2.IsSupported ? Sse2.Min(y, x) : Vector128.ConditionalSelect(Vector128.LessThan(y, x), y, x)).AsByte();
    }

    /// <summary>Pseudo-maximum <c>a &lt; b ? b : a</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Pmax(V a, V b)
    {
        var x = a.AsDouble();
        var y = b.AsDouble();
        return (Sse2.IsSupported ? Sse2.Max(y, x) : Vector128.ConditionalSelect(Vector128.LessThan(x, y), y, x)).AsByte();
    }

    /// <summary>Signed i32 lanes 0-1 converted exactly to f64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ConvertLowI32x4S(V a)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Double(a.AsInt32()).AsByte();
        }

        return Vector128.ConvertToDouble(Vector128.WidenLower(a.AsInt32())).AsByte();
    }

    /// <summary>Unsigned i32 lanes 0-1 converted exactly to f64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ConvertLowI32x4U(V a)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.ConvertToVector128Double(a.AsUInt32()).AsByte();
        }

        if (Sse2.IsSupported)
        {
            // Pairing each u32 with the high word 0x43300000 builds the f64 2^52 + u exactly; subtract 2^52.
            var magic = Sse2.UnpackLow(a.AsUInt32(), Vector128.Create(0x4330_0000u)).AsDouble();
            return (magic - Vector128.Create(4503599627370496.0)).AsByte();
        }

        return Vector128.ConvertToDouble(Vector128.WidenLower(a.AsUInt32())).AsByte();
    }

    /// <summary>Lanes of <paramref name="r"/> where <paramref name="nanMask"/> is set become the canonical NaN 0xFFF8000000000000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> CanonicalizeNaNs(Vector128<double> r, Vector128<double> nanMask)
        => Vector128.AndNot(r | nanMask, Vector128.ShiftRightLogical(nanMask.AsUInt64(), 13).AsDouble());

    /// <summary>Makes NaN lanes of a software rounding result quiet NaNs carrying the input's payload, as roundpd does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> QuietNaNs(Vector128<double> input, Vector128<double> r)
        => Vector128.ConditionalSelect(Vector128.Equals(input, input), r, input | Vector128.Create(0x0008_0000_0000_0000ul).AsDouble());
}
