using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary>Shape-less <c>v128.*</c> instructions: constants, bitwise logic and <c>any_true</c>.</summary>
internal static class V128Ops
{
    /// <summary><c>v128.const</c>: the immediate's 16 bytes as two little-endian halves; the JIT folds constant arguments into a vector constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Const(ulong lo, ulong hi) => Vector128.Create(lo, hi).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Not(V a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V And(V a, V b) => a & b;

    /// <summary><c>a &amp; ~b</c> (note: the operand order differs from <c>Sse2.AndNot</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Andnot(V a, V b) => Vector128.AndNot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Or(V a, V b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Xor(V a, V b) => a ^ b;

    /// <summary>Bits of <paramref name="a"/> where <paramref name="mask"/> is 1, of <paramref name="b"/> elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Bitselect(V a, V b, V mask) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AnyTrue(V a) => a.AsUInt64() != Vector128<ulong>.Zero ? 1 : 0;
}
