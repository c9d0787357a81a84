using System.Runtime.CompilerServices;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Numeric instructions whose Wasm semantics differ from the plain IL opcode: trapping division and truncation,
/// NaN-exact min/max/nearest, sign operations on bits, correctly rounded unsigned 64-bit conversions.
/// Small and inlined by the JIT.
/// </summary>
internal static class NumericOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)]
    public static int DivS32(int a, int b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        if (b == -1 && a == int.MinValue)
        {
            Traps.Throw(TrapKind.IntegerOverflow);
        }

        return a / b;
    }

    [MethodImpl(Inline)]
    public static int DivU32(int a, int b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        return (int)((uint)a / (uint)b);
    }

    [MethodImpl(Inline)]
    public static int RemS32(int a, int b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(Inline)]
    public static int RemU32(int a, int b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        return (int)((uint)a % (uint)b);
    }

    [MethodImpl(Inline)]
    public static long DivS64(long a, long b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        if (b == -1 && a == long.MinValue)
        {
            Traps.Throw(TrapKind.IntegerOverflow);
        }

        return a / b;
    }

    [MethodImpl(Inline)]
    public static long DivU64(long a, long b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        return (long)((ulong)a / (ulong)b);
    }

    [MethodImpl(Inline)]
    public static long RemS64(long a, long b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(Inline)]
    public static long RemU64(long a, long b)
    {
        if (b == 0)
        {
            Traps.Throw(TrapKind.IntegerDivideByZero);
        }

        return (long)((ulong)a % (ulong)b);
    }

    [MethodImpl(Inline)]
    public static int Clz32(int a) => System.Numerics.BitOperations.LeadingZeroCount((uint)a);

    /// <summary>TrailingZeroCount(0) is 32, as Wasm wants (TZCNT), so no test for zero.</summary>
    [MethodImpl(Inline)]
    public static int Ctz32(int a) => System.Numerics.BitOperations.TrailingZeroCount(a);

    [MethodImpl(Inline)]
    public static int Popcnt32(int a) => System.Numerics.BitOperations.PopCount((uint)a);

    [MethodImpl(Inline)]
    public static int Rotl32(int a, int b) => (int)System.Numerics.BitOperations.RotateLeft((uint)a, b);

    [MethodImpl(Inline)]
    public static int Rotr32(int a, int b) => (int)System.Numerics.BitOperations.RotateRight((uint)a, b);

    [MethodImpl(Inline)]
    public static long Clz64(long a) => System.Numerics.BitOperations.LeadingZeroCount((ulong)a);

    [MethodImpl(Inline)]
    public static long Ctz64(long a) => System.Numerics.BitOperations.TrailingZeroCount(a);

    [MethodImpl(Inline)]
    public static long Popcnt64(long a) => System.Numerics.BitOperations.PopCount((ulong)a);

    [MethodImpl(Inline)]
    public static long Rotl64(long a, long b) => (long)System.Numerics.BitOperations.RotateLeft((ulong)a, (int)b);

    [MethodImpl(Inline)]
    public static long Rotr64(long a, long b) => (long)System.Numerics.BitOperations.RotateRight((ulong)a, (int)b);

    [MethodImpl(Inline)]
    public static float AbsF32(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & int.MaxValue);

    [MethodImpl(Inline)]
    public static float NegF32(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) ^ int.MinValue);

    [MethodImpl(Inline)]
    public static float CopysignF32(float a, float b) =>
        BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(a) & int.MaxValue) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));

    [MethodImpl(Inline)]
    public static double AbsF64(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & long.MaxValue);

    [MethodImpl(Inline)]
    public static double NegF64(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) ^ long.MinValue);

    [MethodImpl(Inline)]
    public static double CopysignF64(double a, double b) =>
        BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    // NaN operands give a + b: the hardware returns a quiet NaN carrying an input payload (an arithmetic NaN).
    [MethodImpl(Inline)]
    public static float MinF32(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return a + b;
        }

        if (a == b)
        {
            return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b));
        }

        return a < b ? a : b;
    }

    [MethodImpl(Inline)]
    public static float MaxF32(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return a + b;
        }

        if (a == b)
        {
            return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b));
        }

        return a > b ? a : b;
    }

    [MethodImpl(Inline)]
    public static double MinF64(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return a + b;
        }

        if (a == b)
        {
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b));
        }

        return a < b ? a : b;
    }

    [MethodImpl(Inline)]
    public static double MaxF64(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return a + b;
        }

        if (a == b)
        {
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b));
        }

        return a > b ? a : b;
    }

    [MethodImpl(Inline)]
    public static float CeilF32(float a) => float.IsNaN(a) ? a + a : MathF.Ceiling(a);

    [MethodImpl(Inline)]
    public static float FloorF32(float a) => float.IsNaN(a) ? a + a : MathF.Floor(a);

    [MethodImpl(Inline)]
    public static float TruncF32(float a) => float.IsNaN(a) ? a + a : MathF.Truncate(a);

    [MethodImpl(Inline)]
    public static float NearestF32(float a) => float.IsNaN(a) ? a + a : MathF.Round(a, MidpointRounding.ToEven);

    [MethodImpl(Inline)]
    public static float SqrtF32(float a) => MathF.Sqrt(a);

    [MethodImpl(Inline)]
    public static double CeilF64(double a) => double.IsNaN(a) ? a + a : Math.Ceiling(a);

    [MethodImpl(Inline)]
    public static double FloorF64(double a) => double.IsNaN(a) ? a + a : Math.Floor(a);

    [MethodImpl(Inline)]
    public static double TruncF64(double a) => double.IsNaN(a) ? a + a : Math.Truncate(a);

    [MethodImpl(Inline)]
    public static double NearestF64(double a) => double.IsNaN(a) ? a + a : Math.Round(a, MidpointRounding.ToEven);

    [MethodImpl(Inline)]
    public static double SqrtF64(double a) => Math.Sqrt(a);

    [MethodImpl(Inline)]
    public static int TruncF32S32(float a)
    {
        if (!(a >= -2147483648f && a < 2147483648f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (int)a;
    }

    [MethodImpl(Inline)]
    public static int TruncF32U32(float a)
    {
        if (!(a > -1f && a < 4294967296f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (int)(uint)a;
    }

    [MethodImpl(Inline)]
    public static int TruncF64S32(double a)
    {
        if (!(a > -2147483649.0 && a < 2147483648.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (int)a;
    }

    [MethodImpl(Inline)]
    public static int TruncF64U32(double a)
    {
        if (!(a > -1.0 && a < 4294967296.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (int)(uint)a;
    }

    [MethodImpl(Inline)]
    public static long TruncF32S64(float a)
    {
        if (!(a >= -9223372036854775808f && a < 9223372036854775808f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (long)a;
    }

    [MethodImpl(Inline)]
    public static long TruncF32U64(float a)
    {
        if (!(a > -1f && a < 18446744073709551616f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (long)(ulong)a;
    }

    [MethodImpl(Inline)]
    public static long TruncF64S64(double a)
    {
        if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (long)a;
    }

    [MethodImpl(Inline)]
    public static long TruncF64U64(double a)
    {
        if (!(a > -1.0 && a < 18446744073709551616.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (long)(ulong)a;
    }

    // .NET 9 and later define float-to-integer casts as saturating with NaN -> 0: exactly trunc_sat.
    [MethodImpl(Inline)]
    public static int TruncSatF32S32(float a) => (int)a;

    [MethodImpl(Inline)]
    public static int TruncSatF32U32(float a) => (int)(uint)a;

    [MethodImpl(Inline)]
    public static int TruncSatF64S32(double a) => (int)a;

    [MethodImpl(Inline)]
    public static int TruncSatF64U32(double a) => (int)(uint)a;

    [MethodImpl(Inline)]
    public static long TruncSatF32S64(float a) => (long)a;

    [MethodImpl(Inline)]
    public static long TruncSatF32U64(float a) => (long)(ulong)a;

    [MethodImpl(Inline)]
    public static long TruncSatF64S64(double a) => (long)a;

    [MethodImpl(Inline)]
    public static long TruncSatF64U64(double a) => (long)(ulong)a;

    // The JIT folds demote(promote(x)) to x, which would let a signalling NaN through unquieted; x + x quiets it.
    [MethodImpl(Inline)]
    public static double PromoteF32(float a)
    {
        double r = a;
        return double.IsNaN(r) ? r + r : r;
    }

    [MethodImpl(Inline)]
    public static float DemoteF64(double a)
    {
        float r = (float)a;
        return float.IsNaN(r) ? r + r : r;
    }

    [MethodImpl(Inline)]
    public static float ConvertU32F32(int a) => (float)(long)(uint)a;

    [MethodImpl(Inline)]
    public static double ConvertU32F64(int a) => (double)(uint)a;

    // Halving with a sticky low bit keeps the rounding single for values of 2^63 and above.
    [MethodImpl(Inline)]
    public static float ConvertU64F32(long a) => a >= 0 ? (float)a : (float)((a >>> 1) | (a & 1)) * 2f;

    [MethodImpl(Inline)]
    public static double ConvertU64F64(long a) => a >= 0 ? (double)a : (double)((a >>> 1) | (a & 1)) * 2.0;

    // Wide arithmetic: 128-bit values as (low, high) pairs.
    [MethodImpl(Inline)]
    public static (long Low, long High) Add128(long lo1, long hi1, long lo2, long hi2)
    {
        long lo = lo1 + lo2;
        return (lo, hi1 + hi2 + ((ulong)lo < (ulong)lo1 ? 1 : 0));
    }

    [MethodImpl(Inline)]
    public static (long Low, long High) Sub128(long lo1, long hi1, long lo2, long hi2) =>
        (lo1 - lo2, hi1 - hi2 - ((ulong)lo1 < (ulong)lo2 ? 1 : 0));

    [MethodImpl(Inline)]
    public static (long Low, long High) MulWideS(long a, long b)
    {
        long high = Math.BigMul(a, b, out long low);
        return (low, high);
    }

    [MethodImpl(Inline)]
    public static (long Low, long High) MulWideU(long a, long b)
    {
        ulong high = Math.BigMul((ulong)a, (ulong)b, out ulong low);
        return ((long)low, (long)high);
    }

    /// <summary>Saturating address add for memory64: an overflowing effective address becomes out of bounds.</summary>
    [MethodImpl(Inline)]
    public static ulong AddSat(ulong a, ulong b)
    {
        ulong s = a + b;
        return s < a ? ulong.MaxValue : s;
    }

    private static void TruncTrap(bool nan) =>
        Traps.Throw(nan ? TrapKind.InvalidConversionToInteger : TrapKind.IntegerOverflow);
}
