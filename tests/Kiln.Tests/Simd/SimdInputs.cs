using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>Operand generators: vectors whose lanes mix edge values of one lane interpretation with random lanes.</summary>
internal static class SimdInputs
{
    public static readonly long[] I8Edges = [0, 1, 2, 0x10, 0x40, 0x55, 0x7E, 0x7F, 0x80, 0x81, 0xAA, 0xFE, 0xFF];

    public static readonly long[] I16Edges =
        [0, 1, 2, -1, -2, 0x7F, 0x80, 0xFF, 0x100, 0x4000, 0x7FFE, 0x7FFF, -0x8000, -0x7FFF, -0x4000, 0x8080, 0x00FF, 0xFF00 - 0x10000];

    public static readonly long[] I32Edges =
    [
        0, 1, 2, -1, -2, 0x7FFF, 0x8000, -0x8000, -0x8001, 0xFFFF, 0x10000, 0x12345678, int.MaxValue, int.MinValue,
        int.MaxValue - 1, int.MinValue + 1, 0x7FFF_8000, unchecked((int)0xFFFF_8000),
    ];

    public static readonly long[] I64Edges =
    [
        0, 1, 2, -1, -2, long.MaxValue, long.MinValue, long.MinValue + 1, int.MaxValue, int.MinValue, 0xFFFF_FFFF,
        0x1_0000_0000, unchecked((long)0x8000_0000_0000_0001), 0x7FFF_FFFF_0000_0000,
    ];

    public static readonly float[] F32Edges =
    [
        0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 3.5f, -3.5f, 0.49999997f, -0.49999997f, 0.9999999f, 100.5f, -100.5f,
        8388607.5f, -8388607.5f, 8388608f, 16777216f, float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon, 1.17549435e-38f,
        -1.17549435e-38f, float.PositiveInfinity, float.NegativeInfinity, 2147483648f, -2147483648f, 2147483520f, -2147483520f,
        4294967296f, 4294967040f, -1f, 1e10f, -1e10f, 3f, 7f, 65536f, 0.1f,
        Nan32(0x7FC0_0000), Nan32(0xFFC0_0000), Nan32(0x7FA0_0000), Nan32(0xFF80_0001), Nan32(0x7FC0_0001), Nan32(0xFFE0_0000),
        Nan32(0x7F80_0001), Nan32(0x7FFF_FFFF),
    ];

    public static readonly double[] F64Edges =
    [
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4503599627370495.5,
        -4503599627370495.5, 4503599627370496.0, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon,
        2.2250738585072014e-308, double.PositiveInfinity, double.NegativeInfinity, 2147483647.0, 2147483647.9, 2147483648.0,
        -2147483648.0, -2147483648.9, -2147483649.0, 4294967295.0, 4294967295.9, 4294967296.0, -0.9, -1.0, 1e300, -1e300, 3.0,
        3.4028234663852886e38, 3.4028235677973366e38, 3.4028235677973362e38, 1.401298464324817e-45, 7.006492321624085e-46,
        7.006492321624087e-46, 1.0000000596046448, 1.0000001788139343, 0.1,
        Nan64(0x7FF8_0000_0000_0000), Nan64(0xFFF8_0000_0000_0000), Nan64(0x7FF4_0000_0000_0000), Nan64(0x7FF0_0000_0000_0001),
        Nan64(0x7FF8_0000_0000_0001), Nan64(0xFFFC_0000_0000_0000), Nan64(0x7FFF_FFFF_FFFF_FFFF), Nan64(0x7FF8_0000_2000_0000),
    ];

    public static readonly int[] I32Scalars = [0, 1, -1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256, -128, -129, -8, 0x7FFF, 0x8000, int.MaxValue, int.MinValue];

    public static float Nan32(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    public static double Nan64(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    /// <summary>A vector of one random flavour: random bytes, or lanes drawn from the edge values of one lane type.</summary>
    public static V Vector(Random random, int flavour)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var v = Vector128.Create(bytes);
        switch (flavour)
        {
            case 1: return SimdReference.Map8(i => random.Next(8) == 0 ? v[i] : Pick(random, I8Edges));
            case 2: return SimdReference.Map16(i => random.Next(8) == 0 ? SimdReference.S16(v, i) : Pick(random, I16Edges));
            case 3: return SimdReference.Map32(i => random.Next(8) == 0 ? SimdReference.S32(v, i) : Pick(random, I32Edges));
            case 4: return SimdReference.Map64(i => random.Next(8) == 0 ? SimdReference.S64(v, i) : Pick(random, I64Edges));
            case 5: return SimdReference.Map32(i => random.Next(8) == 0 ? SimdReference.S32(v, i) : BitConverter.SingleToUInt32Bits(Pick(random, F32Edges)));
            case 6: return SimdReference.Map64(i => random.Next(8) == 0 ? SimdReference.S64(v, i) : (long)BitConverter.DoubleToUInt64Bits(Pick(random, F64Edges)));
            case 7: return SimdReference.Map32(i => BitConverter.SingleToUInt32Bits((float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-4, 40)))));
            case 8: return SimdReference.Map64(i => (long)BitConverter.DoubleToUInt64Bits((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-4, 70))));
            default: return v;
        }
    }

    public const int Flavours = 9;

    public static object Scalar(Random random, Type type) => type switch
    {
        _ when type == typeof(int) => (object)(random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : Pick(random, I32Scalars)),
        _ when type == typeof(long) => (object)(random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : Pick(random, I64Edges)),
        _ when type == typeof(float) => (object)(random.Next(3) == 0 ? BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)) : Pick(random, F32Edges)),
        _ when type == typeof(double) => (object)(random.Next(3) == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)) : Pick(random, F64Edges)),
        _ => throw new NotSupportedException(type.Name),
    };

    public static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
