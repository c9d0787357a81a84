using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Compiler.Simd;

/// <summary>
/// The lane work of the SIMD loads and stores. The emitter does the address arithmetic and the bounds check (for
/// <see cref="SimdOperation.AccessSize"/> bytes) and passes the effective host address <c>p</c>; all accesses are unaligned.
/// </summary>
internal static unsafe class V128MemoryOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load(byte* p) => Vector128.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8x8S(byte* p)
        => Sse41.IsSupported ? Sse41.ConvertToVector128Int16((sbyte*)p).AsByte() : Vector128.WidenLower(Low64(p).AsSByte()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8x8U(byte* p)
        => Sse41.IsSupported ? Sse41.ConvertToVector128Int16(p).AsByte() : Vector128.WidenLower(Low64(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16x4S(byte* p)
        => Sse41.IsSupported ? Sse41.ConvertToVector128Int32((short*)p).AsByte() : Vector128.WidenLower(Low64(p).AsInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16x4U(byte* p)
        => Sse41.IsSupported ? Sse41.ConvertToVector128Int32((ushort*)p).AsByte() : Vector128.WidenLower(Low64(p).AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32x2S(byte* p)
        => Sse41.IsSupported ? Sse41.ConvertToVector128Int64((int*)p).AsByte() : Vector128.WidenLower(Low64(p).AsInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32x2U(byte* p)
        => Sse41.IsSupported ? Sse41.ConvertToVector128Int64((uint*)p).AsByte() : Vector128.WidenLower(Low64(p).AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8Splat(byte* p) => Vector128.Create(*p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16Splat(byte* p) => Vector128.Create(Unsafe.ReadUnaligned<ushort>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32Splat(byte* p) => Vector128.Create(Unsafe.ReadUnaligned<uint>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64Splat(byte* p) => Vector128.Create(Unsafe.ReadUnaligned<ulong>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(byte* p, V v) => Vector128.Store(v, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load8Lane(byte* p, V v, int lane) => v.WithElement(lane, *p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load16Lane(byte* p, V v, int lane) => v.AsUInt16().WithElement(lane, Unsafe.ReadUnaligned<ushort>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32Lane(byte* p, V v, int lane) => v.AsUInt32().WithElement(lane, Unsafe.ReadUnaligned<uint>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64Lane(byte* p, V v, int lane) => v.AsUInt64().WithElement(lane, Unsafe.ReadUnaligned<ulong>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8Lane(byte* p, V v, int lane) => *p = v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16Lane(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, v.AsUInt16().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store32Lane(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, v.AsUInt32().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store64Lane(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, v.AsUInt64().GetElement(lane));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load32Zero(byte* p) => Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(p)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64Zero(byte* p) => Low64(p);

    /// <summary>8 bytes at <paramref name="p"/> in the low half, zeros above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Low64(byte* p) => Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsByte();
}
