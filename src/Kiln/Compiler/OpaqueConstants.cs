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

    public static int IndexOfF32(int bits)
    {
        lock (Gate)
        {
            if (!F32Index.TryGetValue(bits, out int i))
            {
                i = F32Index.Count;
                if (i == F32.Length)
                {
                    var bigger = new float[i * 2];
                    F32.CopyTo(bigger, 0);
                    F32 = bigger;
                }

                F32[i] = BitConverter.Int32BitsToSingle(bits);
                F32Index.Add(bits, i);
            }

            return i;
        }
    }

    public static int IndexOfF64(long bits)
    {
        lock (Gate)
        {
            if (!F64Index.TryGetValue(bits, out int i))
            {
                i = F64Index.Count;
                if (i == F64.Length)
                {
                    var bigger = new double[i * 2];
                    F64.CopyTo(bigger, 0);
                    F64 = bigger;
                }

                F64[i] = BitConverter.Int64BitsToDouble(bits);
                F64Index.Add(bits, i);
            }

            return i;
        }
    }
}
