using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary><c>i8x16.*</c> instructions, including <c>shuffle</c> and <c>swizzle</c>.</summary>
internal static class I8x16Ops
{
    /// <summary>
    /// <c>i8x16.shuffle</c>: lane i of the result is byte <c>lanes[i]</c> of the 32-byte concatenation a:b. The 16 lane
    /// immediates (each &lt; 32, checked by validation) arrive as two little-endian halves, so the control vector is a JIT constant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Shuffle(V a, V b, ulong lo, ulong hi)
    {
        var control = Vector128.Create(lo, hi).AsByte();
        if (Avx512Vbmi.VL.IsSupported)
        {
            return Avx512Vbmi.VL.PermuteVar16x8x2(a, control, b);
        }

        if (Ssse3.IsSupported)
        {
            // pshufb zeroes a lane whose control byte has bit 7 set: +0x70 sets it for indices 16..31, -0x10 for 0..15.
            return Ssse3.Shuffle(a, control + Vector128.Create((byte)0x70)) | Ssse3.Shuffle(b, control - Vector128.Create((byte)0x10));
        }

        return Vector128.Shuffle(a, control) | Vector128.Shuffle(b, control - Vector128.Create((byte)0x10));
    }

    /// <summary><c>i8x16.swizzle</c>: lane i is <c>a[s[i]]</c>, or 0 when <c>s[i] &gt;= 16</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Swizzle(V a, V s)
    {
        if (Ssse3.IsSupported)
        {
            // Saturating +0x70 keeps 0..15 in the low nibble and sets bit 7 (pshufb: zero) for every index >= 16.
            return Ssse3.Shuffle(a, Vector128.AddSaturate(s, Vector128.Create((byte)0x70)));
        }

        return Vector128.Shuffle(a, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Splat(int x) => Vector128.Create((byte)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExtractLaneS(V a, int lane) => a.AsSByte().GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExtractLaneU(V a, int lane) => a.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ReplaceLane(V a, int x, int lane) => a.WithElement(lane, (byte)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Eq(V a, V b) => Vector128.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Ne(V a, V b) => ~Vector128.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtS(V a, V b) => Vector128.LessThan(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LtU(V a, V b) => Vector128.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtS(V a, V b) => Vector128.GreaterThan(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GtU(V a, V b) => Vector128.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V LeU(V a, V b) => Vector128.LessThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeU(V a, V b) => Vector128.GreaterThanOrEqual(a, b);

    /// <summary>Wrapping absolute value: -128 stays -128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Abs(V a)
    {
        if (Ssse3.IsSupported)
        {
            return Ssse3.Abs(a.AsSByte());
        }

        // The portable Vector128.Abs throws on MinValue when not accelerated; (x ^ s) - s wraps instead.
        var sign = Vector128.ShiftRightArithmetic(a.AsSByte(), 7);
        return ((a.AsSByte() ^ sign) - sign).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Neg(V a) => V.Zero - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Popcnt(V a)
    {
        var low4 = Vector128.Create((byte)0x0F);
        if (Ssse3.IsSupported)
        {
            // Look up the bit count of each nibble.
            var table = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
            var lo = Ssse3.Shuffle(table, a & low4);
            var hi = Ssse3.Shuffle(table, Vector128.ShiftRightLogical(a.AsUInt16(), 4).AsByte() & low4);
            return lo + hi;
        }

        var x = a - (Vector128.ShiftRightLogical(a, 1) & Vector128.Create((byte)0x55));
        x = (x & Vector128.Create((byte)0x33)) + (Vector128.ShiftRightLogical(x, 2) & Vector128.Create((byte)0x33));
        return (x + Vector128.ShiftRightLogical(x, 4)) & low4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AllTrue(V a) => Vector128.EqualsAny(a, V.Zero) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bitmask(V a) => (int)Vector128.ExtractMostSignificantBits(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V NarrowI16x8S(V a, V b) => Vector128.NarrowWithSaturation(a.AsInt16(), b.AsInt16()).AsByte();

    /// <summary>Signed 16-bit lanes saturated to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V NarrowI16x8U(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.PackUnsignedSaturate(a.AsInt16(), b.AsInt16());
        }

        var zero = Vector128<short>.Zero;
        return Vector128.NarrowWithSaturation(Vector128.Max(a.AsInt16(), zero).AsUInt16(), Vector128.Max(b.AsInt16(), zero).AsUInt16());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Shl(V a, int count) => Vector128.ShiftLeft(a, count & 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrS(V a, int count) => Vector128.ShiftRightArithmetic(a.AsSByte(), count & 7).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ShrU(V a, int count) => Vector128.ShiftRightLogical(a, count & 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Add(V a, V b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AddSatS(V a, V b) => Vector128.AddSaturate(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AddSatU(V a, V b) => Vector128.AddSaturate(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sub(V a, V b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V SubSatS(V a, V b) => Vector128.SubtractSaturate(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V SubSatU(V a, V b) => Vector128.SubtractSaturate(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MinS(V a, V b) => Vector128.Min(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MinU(V a, V b) => Vector128.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MaxS(V a, V b) => Vector128.Max(a.AsSByte(), b.AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V MaxU(V a, V b) => Vector128.Max(a, b);

    /// <summary>Rounding average <c>(a + b + 1) / 2</c> without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V AvgrU(V a, V b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Average(a, b);
        }

        return (a | b) - Vector128.ShiftRightLogical(a ^ b, 1);
    }
}
