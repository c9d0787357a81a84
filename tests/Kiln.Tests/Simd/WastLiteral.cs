using System.Globalization;
using System.Numerics;

namespace Kiln.Tests.Simd;

/// <summary>Number literals of the text format (ints, decimal and hex floats, inf, nan:0x...), for the spec-suite cross-check.</summary>
internal static class WastLiteral
{
    /// <summary>An integer literal as its low <paramref name="bits"/> bits (signed and unsigned forms both accepted).</summary>
    public static ulong Int(string text, int bits)
    {
        text = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        var magnitude = digits.StartsWith("0x", StringComparison.Ordinal)
            ? BigInteger.Parse("0" + digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        var value = negative ? -magnitude : magnitude;
        var mask = (BigInteger.One << bits) - 1;
        return (ulong)(value & mask);
    }

    public static uint F32(string text)
    {
        text = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = text.StartsWith('-');
        var body = text.TrimStart('+', '-');
        uint sign = negative ? 0x8000_0000u : 0;
        if (body == "inf")
        {
            return sign | 0x7F80_0000;
        }

        if (body.StartsWith("nan", StringComparison.Ordinal))
        {
            return sign | 0x7F80_0000 | (body == "nan" ? 0x40_0000u : (uint)Int(body[4..], 32));
        }

        if (body.StartsWith("0x", StringComparison.Ordinal))
        {
            return sign | (uint)HexFloat(body[2..], 23, 8);
        }

        return sign | BitConverter.SingleToUInt32Bits(float.Parse(body, CultureInfo.InvariantCulture));
    }

    public static ulong F64(string text)
    {
        text = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = text.StartsWith('-');
        var body = text.TrimStart('+', '-');
        ulong sign = negative ? 0x8000_0000_0000_0000ul : 0;
        if (body == "inf")
        {
            return sign | 0x7FF0_0000_0000_0000;
        }

        if (body.StartsWith("nan", StringComparison.Ordinal))
        {
            return sign | 0x7FF0_0000_0000_0000 | (body == "nan" ? 0x8_0000_0000_0000ul : Int(body[4..], 64));
        }

        return sign | (body.StartsWith("0x", StringComparison.Ordinal)
            ? HexFloat(body[2..], 52, 11)
            : BitConverter.DoubleToUInt64Bits(double.Parse(body, CultureInfo.InvariantCulture)));
    }

    /// <summary>The bits of an unsigned hex float literal (digits after <c>0x</c>), rounded to nearest-even at the given format.</summary>
    private static ulong HexFloat(string hex, int mantissaBits, int exponentBits)
    {
        int exponent = 0;
        int p = hex.IndexOfAny(['p', 'P']);
        if (p >= 0)
        {
            exponent = int.Parse(hex[(p + 1)..], CultureInfo.InvariantCulture);
            hex = hex[..p];
        }

        int dot = hex.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= 4 * (hex.Length - dot - 1);
            hex = hex.Remove(dot, 1);
        }

        var m = BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (m.IsZero)
        {
            return 0;
        }

        int bias = (1 << (exponentBits - 1)) - 1;
        int length = (int)m.GetBitLength();
        int shift = length - (mantissaBits + 1);
        int unbiased = length - 1 + exponent;
        if (unbiased < 1 - bias)
        {
            shift += 1 - bias - unbiased;
        }

        BigInteger q;
        if (shift > 0)
        {
            q = m >> shift;
            var rest = m - (q << shift);
            var half = BigInteger.One << (shift - 1);
            if (rest > half || (rest == half && !q.IsEven))
            {
                q++;
            }
        }
        else
        {
            q = m << -shift;
        }

        if (q.GetBitLength() > mantissaBits + 1)
        {
            q >>= 1;
            shift++;
        }

        ulong maxBiased = (1ul << exponentBits) - 1;
        if (q < (BigInteger.One << mantissaBits))
        {
            return (ulong)q;
        }

        long biased = shift + exponent + mantissaBits + bias;
        return biased >= (long)maxBiased
            ? maxBiased << mantissaBits
            : ((ulong)biased << mantissaBits) | ((ulong)q & ((1ul << mantissaBits) - 1));
    }
}
