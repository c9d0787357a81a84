using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary><c>i32x4.*</c> instructions, including the saturating float-to-int conversions.</summary>
internal static class I32x4Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Splat(int x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExtractLane(V a, int lane) => a.AsInt32().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ReplaceLane(V a, int x, int lane) => a.AsInt32().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Eq(V a, V b) => Vector128.Equals(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ne(V a, V b) => (~Vector128.Equals(a.AsInt32(), b.AsInt32())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtS(V a, V b) => Vector128.LessThan(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtU(V a, V b) => Vector128.LessThan(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtS(V a, V b) => Vector128.GreaterThan(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();

    /// <summary>Sums of adjacent signed 16-bit pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtaddPairwiseI16x8S(V a)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(a.AsInt16(), Vector128.Create((short)1)).AsByte();
        }

        var x = a.AsInt32();
        return (Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 16), 16) + Vector128.ShiftRightArithmetic(x, 16)).AsByte();
    }

    /// <summary>Sums of adjacent unsigned 16-bit pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtaddPairwiseI16x8U(V a)
    {
        if (Sse2.IsSupported)
        {
            // Bias to signed (x - 0x8000), pmaddwd with ones, then add back the 2 * 0x8000 of bias.
            var biased = (a.AsUInt16() ^ Vector128.Create((ushort)0x8000)).AsInt16();
            return (Sse2.MultiplyAddAdjacent(biased, Vector128.Create((short)1)) + Vector128.Create(0x10000)).AsByte();
        }

        var x = a.AsUInt32();
        return ((x & Vector128.Create(0xFFFFu)) + Vector128.ShiftRightLogical(x, 16)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Abs(V a)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Abs(a.AsInt32()).AsByte();
        }

        var x = a.AsInt32();
        var sign = Vector128.ShiftRightArithmetic(x, 31);
        return ((x ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Neg(V a) => (Vector128<int>.Zero - a.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AllTrue(V a) => Vector128.EqualsAny(a.AsInt32(), Vector128<int>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bitmask(V a) => (int)Vector128.ExtractMostSignificantBits(a.AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendLowI16x8S(V a) => Vector128.WidenLower(a.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendHighI16x8S(V a) => Vector128.WidenUpper(a.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendLowI16x8U(V a) => Vector128.WidenLower(a.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendHighI16x8U(V a) => Vector128.WidenUpper(a.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Shl(V a, int count) => Vector128.ShiftLeft(a.AsInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrU(V a, int count) => Vector128.ShiftRightLogical(a.AsUInt32(), count & 31).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Add(V a, V b) => (a.AsInt32() + b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sub(V a, V b) => (a.AsInt32() - b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Mul(V a, V b) => (a.AsInt32() * b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MinS(V a, V b) => Vector128.Min(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MinU(V a, V b) => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MaxS(V a, V b) => Vector128.Max(a.AsInt32(), b.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MaxU(V a, V b) => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsByte();

    /// <summary><c>a[2i]*b[2i] + a[2i+1]*b[2i+1]</c> of signed 16-bit lanes, wrapping (only -32768² * 2 wraps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V DotI16x8S(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.MultiplyAddAdjacent(a.AsInt16(), b.AsInt16()).AsByte();
        }

        var x = a.AsInt32();
        var y = b.AsInt32();
        var even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 16), 16) * Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(y, 16), 16);
        var odd = Vector128.ShiftRightArithmetic(x, 16) * Vector128.ShiftRightArithmetic(y, 16);
        return (even + odd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulLowI16x8S(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            // pmullw/pmulhw give the low and high halves of each 32-bit product; interleave them.
            var x = a.AsInt16();
            var y = b.AsInt16();
            return Sse2.UnpackLow(Sse2.MultiplyLow(x, y), Sse2.MultiplyHigh(x, y)).AsByte();
        }

        return (Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulHighI16x8S(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsInt16();
            var y = b.AsInt16();
            return Sse2.UnpackHigh(Sse2.MultiplyLow(x, y), Sse2.MultiplyHigh(x, y)).AsByte();
        }

        return (Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulLowI16x8U(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsUInt16();
            var y = b.AsUInt16();
            return Sse2.UnpackLow(Sse2.MultiplyLow(x, y), Sse2.MultiplyHigh(x, y)).AsByte();
        }

        return (Vector128.WidenLower(a.AsUInt16()) * Vector128.WidenLower(b.AsUInt16())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulHighI16x8U(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            var x = a.AsUInt16();
            var y = b.AsUInt16();
            return Sse2.UnpackHigh(Sse2.MultiplyLow(x, y), Sse2.MultiplyHigh(x, y)).AsByte();
        }

        return (Vector128.WidenUpper(a.AsUInt16()) * Vector128.WidenUpper(b.AsUInt16())).AsByte();
    }

    /// <summary>Truncation toward zero, saturating to the i32 range; NaN gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V TruncSatF32x4S(V a)
    {
        var x = a.AsSingle();
        if (Sse2.IsSupported)
        {
            // NaN lanes become +0; cvttps2dq gives 0x80000000 for every out-of-range lane, right for the negative side,
            // and flipping all its bits gives 0x7FFFFFFF for the positive side.
            var ordered = x & Vector128.Equals(x, x);
            var r = Sse2.ConvertToVector128Int32WithTruncation(ordered);
            return (r ^ Vector128.GreaterThanOrEqual(ordered, Vector128.Create(2147483648f)).AsInt32()).AsByte();
        }

        // Saturating (NaN to 0) since .NET 9 on every platform.
        return Vector128.ConvertToInt32(x).AsByte();
    }

    /// <summary>Truncation toward zero, saturating to the u32 range; NaN gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V TruncSatF32x4U(V a)
    {
        var x = a.AsSingle();
        if (Sse2.IsSupported)
        {
            // maxps returns its second operand for NaN, so this also maps NaN to 0.
            var clamped = Sse.Max(x, Vector128<float>.Zero);
            if (Avx512F.VL.IsSupported)
            {
                // vcvttps2udq gives 0xFFFFFFFF for lanes >= 2^32: already the saturated value.
                return Avx512F.VL.ConvertToVector128UInt32WithTruncation(clamped).AsByte();
            }

            // Lanes below 2^31 convert directly; lanes in [2^31, 2^32) convert after subtracting 2^31 and get it back as the
            // top bit; lanes >= 2^32 are forced to all ones.
            var two31 = Vector128.Create(2147483648f);
            var low = Sse2.ConvertToVector128Int32WithTruncation(clamped);
            var high = Sse2.ConvertToVector128Int32WithTruncation(clamped - two31) ^ Vector128.Create(int.MinValue);
            var isHigh = Vector128.GreaterThanOrEqual(clamped, two31).AsInt32();
            var overflow = Vector128.GreaterThanOrEqual(clamped, Vector128.Create(4294967296f)).AsInt32();
            return (Vector128.ConditionalSelect(isHigh, high, low) | overflow).AsByte();
        }

        return Vector128.ConvertToUInt32(x).AsByte();
    }

    /// <summary>Both f64 lanes truncated and saturated to i32 (NaN gives 0) in lanes 0-1; lanes 2-3 are 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V TruncSatF64x2SZero(V a)
    {
        var x = a.AsDouble();
        if (Sse2.IsSupported)
        {
            // NaN lanes become +0 and large lanes clamp to 2^31-1 (exact in f64); cvttpd2dq then saturates the negative side
            // to 0x80000000 by itself and zeroes the upper half.
            var ordered = x & Vector128.Equals(x, x);
            return Sse2.ConvertToVector128Int32WithTruncation(Sse2.Min(ordered, Vector128.Create(2147483647.0))).AsByte();
        }

        return Vector128.NarrowWithSaturation(Vector128.ConvertToInt64(x), Vector128<long>.Zero).AsByte();
    }

    /// <summary>Both f64 lanes truncated and saturated to u32 (NaN gives 0) in lanes 0-1; lanes 2-3 are 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V TruncSatF64x2UZero(V a)
    {
        var x = a.AsDouble();
        if (Sse41.IsSupported)
        {
            // maxpd returns its second operand for NaN, so NaN and negatives become 0.
            var clamped = Sse2.Max(x, Vector128<double>.Zero);
            if (Avx512F.VL.IsSupported)
            {
                return Avx512F.VL.ConvertToVector128UInt32WithTruncation(clamped).AsByte();
            }

            // After clamping to [0, 2^32-1] and truncating, adding 2^52 puts the integer in the low 32 bits of each f64.
            clamped = Sse41.RoundToZero(Sse2.Min(clamped, Vector128.Create(4294967295.0))) + Vector128.Create(4503599627370496.0);
            return Sse.Shuffle(clamped.AsSingle(), Vector128<float>.Zero, 0b10_00_10_00).AsByte();
        }

        return Vector128.NarrowWithSaturation(Vector128.ConvertToUInt64(x), Vector128<ulong>.Zero).AsByte();
    }
}
