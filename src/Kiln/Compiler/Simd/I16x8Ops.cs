using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary><c>i16x8.*</c> instructions.</summary>
internal static class I16x8Ops
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Splat(int x) => Vector128.Create((short)x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExtractLaneS(V a, int lane) => a.AsInt16().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExtractLaneU(V a, int lane) => a.AsUInt16().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ReplaceLane(V a, int x, int lane) => a.AsInt16().WithElement(lane, (short)x).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Eq(V a, V b) => Vector128.Equals(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ne(V a, V b) => (~Vector128.Equals(a.AsInt16(), b.AsInt16())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtS(V a, V b) => Vector128.LessThan(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtU(V a, V b) => Vector128.LessThan(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtS(V a, V b) => Vector128.GreaterThan(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();

    /// <summary>Sums of adjacent signed byte pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtaddPairwiseI8x16S(V a)
    {
        if (Ssse3.IsSupported)
        {
            // pmaddubsw(unsigned ones, signed a): 1*a[2i] + 1*a[2i+1], never saturates.
            return Ssse3.MultiplyAddAdjacent(Vector128.Create((byte)1), a.AsSByte()).AsByte();
        }

        var x = a.AsInt16();
        return (Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 8), 8) + Vector128.ShiftRightArithmetic(x, 8)).AsByte();
    }

    /// <summary>Sums of adjacent unsigned byte pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtaddPairwiseI8x16U(V a)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.MultiplyAddAdjacent(a, Vector128.Create((sbyte)1)).AsByte();
        }

        var x = a.AsUInt16();
        return ((x & Vector128.Create((ushort)0xFF)) + Vector128.ShiftRightLogical(x, 8)).AsByte();
    }

    /// <summary>Wrapping absolute value: -32768 stays -32768.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Abs(V a)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Abs(a.AsInt16()).AsByte();
        }

        var x = a.AsInt16();
        var sign = Vector128.ShiftRightArithmetic(x, 15);
        return ((x ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Neg(V a) => (Vector128<short>.Zero - a.AsInt16()).AsByte();

    /// <summary><c>sat((a * b + 0x4000) &gt;&gt; 15)</c>; only -32768 * -32768 saturates (to 32767).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Q15mulrSatS(V a, V b)
    {
        if (Ssse3.IsSupported)
        {
            // pmulhrsw gives 0x8000 exactly in the overflowing case, which no in-range product can produce; flip it to 0x7FFF.
            var r = Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16());
            return (r ^ Vector128.Equals(r, Vector128.Create(short.MinValue))).AsByte();
        }

        var (lo, hi) = Q15Wide(a, b);
        return Vector128.NarrowWithSaturation(lo, hi).AsByte();
    }

    /// <summary>The unsaturated 32-bit lanes of q15mulr: <c>(a * b + 0x4000) &gt;&gt; 15</c>, low and high halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector128<int> Lo, Vector128<int> Hi) Q15Wide(V a, V b)
    {
        var (al, ah) = Vector128.Widen(a.AsInt16());
        var (bl, bh) = Vector128.Widen(b.AsInt16());
        var round = Vector128.Create(0x4000);
        return (Vector128.ShiftRightArithmetic(al * bl + round, 15), Vector128.ShiftRightArithmetic(ah * bh + round, 15));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AllTrue(V a) => Vector128.EqualsAny(a.AsInt16(), Vector128<short>.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bitmask(V a) => (int)Vector128.ExtractMostSignificantBits(a.AsInt16());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V NarrowI32x4S(V a, V b) => Vector128.NarrowWithSaturation(a.AsInt32(), b.AsInt32()).AsByte();

    /// <summary>Signed 32-bit lanes saturated to 0..65535.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V NarrowI32x4U(V a, V b)
    {
        if (Sse41.IsSupported)
        {
            return Sse41.PackUnsignedSaturate(a.AsInt32(), b.AsInt32()).AsByte();
        }

        var zero = Vector128<int>.Zero;
        return Vector128.NarrowWithSaturation(Vector128.Max(a.AsInt32(), zero).AsUInt32(), Vector128.Max(b.AsInt32(), zero).AsUInt32()).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendLowI8x16S(V a) => Vector128.WidenLower(a.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendHighI8x16S(V a) => Vector128.WidenUpper(a.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendLowI8x16U(V a) => Vector128.WidenLower(a).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtendHighI8x16U(V a) => Vector128.WidenUpper(a).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Shl(V a, int count) => Vector128.ShiftLeft(a.AsInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrU(V a, int count) => Vector128.ShiftRightLogical(a.AsUInt16(), count & 15).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Add(V a, V b) => (a.AsInt16() + b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AddSatS(V a, V b) => Vector128.AddSaturate(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AddSatU(V a, V b) => Vector128.AddSaturate(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sub(V a, V b) => (a.AsInt16() - b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V SubSatS(V a, V b) => Vector128.SubtractSaturate(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V SubSatU(V a, V b) => Vector128.SubtractSaturate(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Mul(V a, V b) => (a.AsInt16() * b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MinS(V a, V b) => Vector128.Min(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MinU(V a, V b) => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MaxS(V a, V b) => Vector128.Max(a.AsInt16(), b.AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MaxU(V a, V b) => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AvgrU(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Average(a.AsUInt16(), b.AsUInt16()).AsByte();
        }

        var x = a.AsUInt16();
        var y = b.AsUInt16();
        return ((x | y) - Vector128.ShiftRightLogical(x ^ y, 1)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulLowI8x16S(V a, V b) => (Vector128.WidenLower(a.AsSByte()) * Vector128.WidenLower(b.AsSByte())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulHighI8x16S(V a, V b) => (Vector128.WidenUpper(a.AsSByte()) * Vector128.WidenUpper(b.AsSByte())).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulLowI8x16U(V a, V b) => (Vector128.WidenLower(a) * Vector128.WidenLower(b)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ExtmulHighI8x16U(V a, V b) => (Vector128.WidenUpper(a) * Vector128.WidenUpper(b)).AsByte();
}
