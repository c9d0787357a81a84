using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary><c>i64x2.*</c> instructions.</summary>
internal static class I64x2Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Splat(long x) => Vector128.Create(x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ExtractLane(V a, int lane) => a.AsInt64().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ReplaceLane(V a, long x, int lane) => a.AsInt64().WithElement(lane, x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Abs(V a)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Abs(a.AsInt64()).AsByte();
        }

        var x = a.AsInt64();
        var sign = Vector128.LessThan(x, Vector128<long>.Zero);
        return ((x ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Neg(V a) => (Vector128<long>.Zero - a.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AllTrue(V a) => Vector128.EqualsAny(a.AsInt64(), Vector128<long>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bitmask(V a) => (int)Vector128.ExtractMostSignificantBits(a.AsInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendLowI32x4S(V a) => Vector128.WidenLower(a.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendHighI32x4S(V a) => Vector128.WidenUpper(a.AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendLowI32x4U(V a) => Vector128.WidenLower(a.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendHighI32x4U(V a) => Vector128.WidenUpper(a.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Shl(V a, int count) => Vector128.ShiftLeft(a.AsInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrU(V a, int count) => Vector128.ShiftRightLogical(a.AsUInt64(), count & 63).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Add(V a, V b) => (a.AsInt64() + b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sub(V a, V b) => (a.AsInt64() - b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Mul(V a, V b) => (a.AsInt64() * b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Eq(V a, V b) => Vector128.Equals(a.AsInt64(), b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ne(V a, V b) => (~Vector128.Equals(a.AsInt64(), b.AsInt64())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtS(V a, V b) => Vector128.LessThan(a.AsInt64(), b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtS(V a, V b) => Vector128.GreaterThan(a.AsInt64(), b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();

    // pmuldq/pmuludq multiply the even 32-bit lanes into 64-bit products, so first spread the wanted lanes to even slots.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulLowI32x4S(V a, V b)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.Multiply(Sse2.Shuffle(a.AsInt32(), 0b01_01_00_00), Sse2.Shuffle(b.AsInt32(), 0b01_01_00_00)).AsByte();
        }

        return (Vector128.WidenLower(a.AsInt32()) * Vector128.WidenLower(b.AsInt32())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulHighI32x4S(V a, V b)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.Multiply(Sse2.Shuffle(a.AsInt32(), 0b11_11_10_10), Sse2.Shuffle(b.AsInt32(), 0b11_11_10_10)).AsByte();
        }

        return (Vector128.WidenUpper(a.AsInt32()) * Vector128.WidenUpper(b.AsInt32())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulLowI32x4U(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Multiply(Sse2.Shuffle(a.AsUInt32(), 0b01_01_00_00), Sse2.Shuffle(b.AsUInt32(), 0b01_01_00_00)).AsByte();
        }

        return (Vector128.WidenLower(a.AsUInt32()) * Vector128.WidenLower(b.AsUInt32())).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulHighI32x4U(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Multiply(Sse2.Shuffle(a.AsUInt32(), 0b11_11_10_10), Sse2.Shuffle(b.AsUInt32(), 0b11_11_10_10)).AsByte();
        }

        return (Vector128.WidenUpper(a.AsUInt32()) * Vector128.WidenUpper(b.AsUInt32())).AsByte();
    }
}
