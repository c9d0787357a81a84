using System.Runtime.CompilerServices;

namespace Kiln.Compiler;

/// <summary>
/// Float constants generated code must load from memory instead of embedding: RyuJIT keeps float constants as doubles
/// (quieting signalling NaNs) and folds <c>x - 0</c>, <c>x * 1</c>, <c>x / 1</c>, <c>-0 - x</c> and the like into
/// forms that let a signalling NaN through unquieted. Loading NaN, ±0 and ±1 from these arrays keeps both bit-exact.
/// </summary>
internal static class OpaqueConstants
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<long, int> F32Index = [];
    private static readonly Dictionary<long, int> F64Index = [];

    // Not readonly, so the JIT cannot treat the contents as constants; replaced (never shrunk) when full.
    public static float[] F32 = new float[16];
    public static double[] F64 = new double[16];

    /// <summary>True when a constant with these bits must be loaded through <see cref="F32"/>.</summary>
    public static bool NeedsF32(int bits)
    {
        float v = BitConverter.Int32BitsToSingle(bits);
        return float.IsNaN(v) || v == 0 || v == 1 || v == -1;
    }

    public static bool NeedsF64(long bits)
    {
        double v = BitConverter.Int64BitsToDouble(bits);
        return double.IsNaN(v) || v == 0 || v == 1 || v == -1;
    }

    /// <summary>The index in <see cref="F32"/> of the constant with these bits, added if new.</summary>
    public static int IndexOfF32(int bits) => Intern(F32Index, ref F32, bits, bits);

    /// <summary>The index in <see cref="F64"/> of the constant with these bits, added if new.</summary>
    public static int IndexOfF64(long bits) => Intern(F64Index, ref F64, bits, bits);

    // The element is written as its bits: a float value made from constant bits would be a JIT constant, and RyuJIT
    // quiets a signalling NaN it holds as a constant (a persisted assembly's type initializer, calling this with
    // constant bits, got 0x7FE00001 for 0x7FA00001 once the call was inlined).
    private static int Intern<T, TBits>(Dictionary<long, int> index, ref T[] values, long key, TBits bits)
        where T : unmanaged
        where TBits : unmanaged
    {
        lock (Gate)
        {
            if (!index.TryGetValue(key, out int i))
            {
                i = index.Count;
                if (i == values.Length)
                {
                    Array.Resize(ref values, i * 2);
                }

                Unsafe.As<T, TBits>(ref values[i]) = bits;
                index.Add(key, i);
            }

            return i;
        }
    }
}
