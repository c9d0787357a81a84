using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary>
/// <c>f32x4.*</c> instructions. NaN rules (spec "nans"): a NaN result is canonical when every NaN input is canonical, else
/// any quiet NaN. The x86 arithmetic and rounding instructions meet this by themselves (they quiet and propagate an input
/// NaN, and create the canonical NaN 0xFFC00000); <c>min</c>/<c>max</c> need explicit handling; <c>abs</c>/<c>neg</c> are
/// pure sign-bit operations that keep every payload.
/// </summary>
internal static class F32x4Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Splat(float x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExtractLane(V a, int lane) => a.AsSingle().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ReplaceLane(V a, float x, int lane) => a.AsSingle().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Eq(V a, V b) => Vector128.Equals(a.AsSingle(), b.AsSingle()).AsByte();

    /// <summary>Unordered not-equal: true when either lane is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ne(V a, V b) => (~Vector128.Equals(a.AsSingle(), b.AsSingle())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Lt(V a, V b) => Vector128.LessThan(a.AsSingle(), b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Gt(V a, V b) => Vector128.GreaterThan(a.AsSingle(), b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Le(V a, V b) => Vector128.LessThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ge(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSingle(), b.AsSingle()).AsByte();

    /// <summary>Both f64 lanes rounded to f32 (nearest-even) in lanes 0-1; lanes 2-3 are +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V DemoteF64x2Zero(V a)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Single(a.AsDouble()).AsByte();
        }

        return Vector128.Narrow(a.AsDouble(), Vector128<double>.Zero).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ceil(V a)
    {
        var x = a.AsSingle();
        return (Sse41.IsSupported ? Sse41.RoundToPositiveInfinity(x) : QuietNaNs(x, Vector128.Ceiling(x))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Floor(V a)
    {
        var x = a.AsSingle();
        return (Sse41.IsSupported ? Sse41.RoundToNegativeInfinity(x) : QuietNaNs(x, Vector128.Floor(x))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Trunc(V a)
    {
        var x = a.AsSingle();
        return (Sse41.IsSupported ? Sse41.RoundToZero(x) : QuietNaNs(x, Vector128.Truncate(x))).AsByte();
    }

    /// <summary>Round to nearest, ties to even.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Nearest(V a)
    {
        var x = a.AsSingle();
        return (Sse41.IsSupported ? Sse41.RoundToNearestInteger(x) : QuietNaNs(x, Vector128.Round(x))).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Abs(V a) => (a.AsUInt32() & Vector128.Create(0x7FFF_FFFFu)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Neg(V a) => (a.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sqrt(V a) => Vector128.Sqrt(a.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Add(V a, V b) => (a.AsSingle() + b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sub(V a, V b) => (a.AsSingle() - b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Mul(V a, V b) => (a.AsSingle() * b.AsSingle()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Div(V a, V b) => (a.AsSingle() / b.AsSingle()).AsByte();

    /// <summary>IEEE minimum: -0 &lt; +0, and a NaN operand gives the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Min(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        if (Sse.IsSupported)
        {
            // minps returns its second operand on NaN or equal operands: both orders OR-ed give -0 for {-0, +0}.
            return CanonicalizeNaNs(Sse.Min(x, y) | Sse.Min(y, x), Sse.CompareUnordered(x, y)).AsByte();
        }

        return CanonicalizeNaNs(Vector128.Min(x, y), ~(Vector128.Equals(x, x) & Vector128.Equals(y, y))).AsByte();
    }

    /// <summary>IEEE maximum: +0 &gt; -0, and a NaN operand gives the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Max(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        if (Sse.IsSupported)
        {
            // AND of both orders gives +0 for {-0, +0}.
            return CanonicalizeNaNs(Sse.Max(x, y) & Sse.Max(y, x), Sse.CompareUnordered(x, y)).AsByte();
        }

        return CanonicalizeNaNs(Vector128.Max(x, y), ~(Vector128.Equals(x, x) & Vector128.Equals(y, y))).AsByte();
    }

    /// <summary>Pseudo-minimum <c>b &lt; a ? b : a</c> (NaN and ±0 operands give <paramref name="a"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Pmin(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        return (Sse.IsSupported ? Sse.Min(y, x) : Vector128.ConditionalSelect(Vector128.LessThan(y, x), y, x)).AsByte();
    }

    /// <summary>Pseudo-maximum <c>a &lt; b ? b : a</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Pmax(V a, V b)
    {
        var x = a.AsSingle();
        var y = b.AsSingle();
        return (Sse.IsSupported ? Sse.Max(y, x) : Vector128.ConditionalSelect(Vector128.LessThan(x, y), y, x)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ConvertI32x4S(V a) => Vector128.ConvertToSingle(a.AsInt32()).AsByte();

    /// <summary>Unsigned i32 to f32, correctly rounded (nearest-even).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ConvertI32x4U(V a)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.ConvertToVector128Single(a.AsUInt32()).AsByte();
        }

        // Both 16-bit halves convert exactly and hi * 2^16 is exact, so the one addition is the only rounding.
        var u = a.AsUInt32();
        var hi = Vector128.ConvertToSingle(Vector128.ShiftRightLogical(u, 16).AsInt32()) * Vector128.Create(65536f);
        var lo = Vector128.ConvertToSingle((u & Vector128.Create(0xFFFFu)).AsInt32());
        return (hi + lo).AsByte();
    }

    /// <summary>Lanes of <paramref name="r"/> where <paramref name="nanMask"/> is set become the canonical NaN 0xFFC00000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> CanonicalizeNaNs(Vector128<float> r, Vector128<float> nanMask)
        => Vector128.AndNot(r | nanMask, Vector128.ShiftRightLogical(nanMask.AsUInt32(), 10).AsSingle());

    /// <summary>Makes NaN lanes of a software rounding result quiet NaNs carrying the input's payload, as roundps does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> QuietNaNs(Vector128<float> input, Vector128<float> r)
        => Vector128.ConditionalSelect(Vector128.Equals(input, input), r, input | Vector128.Create(0x0040_0000u).AsSingle());
}
