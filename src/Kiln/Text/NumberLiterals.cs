using System.Globalization;
using System.Numerics;

namespace Kiln.Text;

/// <summary>
/// Parses the text format's number literals to bits: integers (decimal or <c>0x</c> hex, optional sign, <c>_</c>
/// between digits) and floats (decimal, hex with <c>p</c> exponent, <c>inf</c>, <c>nan</c>, <c>nan:0x...</c>),
/// rounding to nearest-even exactly as the spec requires. Every <c>TryParse*</c> returns false when the text is no
/// such literal or the value is out of range (the parser reports "constant out of range" for a <see cref="WatTokenKind.Number"/> token).
/// </summary>
internal static class NumberLiterals
{
    /// <summary>True when <paramref name="text"/> is an integer or float literal (of any range).</summary>
    public static bool IsNumber(string text) => Scan(text, out _);

    /// <summary>True when <paramref name="text"/> is an unsigned integer literal (no sign, no fraction or exponent).</summary>
    public static bool IsNat(string text) => Scan(text, out var n) && n.Form == Form.Int && !n.HasSign;

    /// <summary>Parses an unsigned integer literal (no sign) of up to 64 bits: indices, limits, <c>offset=</c>, <c>align=</c>.</summary>
    public static bool TryParseU64(string text, out ulong value)
    {
        value = 0;
        return Scan(text, out var n) && n.Form == Form.Int && !n.HasSign && TryDigits(n, out value);
    }

    /// <summary>Parses an unsigned integer literal (no sign) that fits in 32 bits.</summary>
    public static bool TryParseU32(string text, out uint value)
    {
        bool ok = TryParseU64(text, out ulong v) && v <= uint.MaxValue;
        value = (uint)v;
        return ok;
    }

    /// <summary>
    /// Parses an <c>i<paramref name="bits"/></c> literal (8, 16, 32 or 64): unsigned values up to 2^bits-1, or
    /// signed ones from -2^(bits-1) to 2^(bits-1)-1. The result is the two's complement bits, zero-extended.
    /// </summary>
    public static bool TryParseInt(string text, int bits, out ulong value)
    {
        value = 0;
        if (!Scan(text, out var n) || n.Form != Form.Int || !TryDigits(n, out ulong magnitude))
        {
            return false;
        }

        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong signLimit = 1UL << (bits - 1);
        if (!n.HasSign)
        {
            if (magnitude > mask)
            {
                return false;
            }

            value = magnitude;
            return true;
        }

        if (n.Negative ? magnitude > signLimit : magnitude >= signLimit)
        {
            return false;
        }

        value = (n.Negative ? 0 - magnitude : magnitude) & mask;
        return true;
    }

    /// <summary>Parses an i32 literal to its bits; see <see cref="TryParseInt"/>.</summary>
    public static bool TryParseI32(string text, out uint value)
    {
        bool ok = TryParseInt(text, 32, out ulong v);
        value = (uint)v;
        return ok;
    }

    /// <summary>Parses an i64 literal to its bits; see <see cref="TryParseInt"/>.</summary>
    public static bool TryParseI64(string text, out ulong value) => TryParseInt(text, 64, out value);

    /// <summary>Parses an f32 literal (any number form) to its IEEE bits; false when malformed or when it rounds to infinity.</summary>
    public static bool TryParseF32(string text, out uint value)
    {
        bool ok = TryParseFloat(text, 23, 8, out ulong v);
        value = (uint)v;
        return ok;
    }

    /// <summary>Parses an f64 literal (any number form) to its IEEE bits; false when malformed or when it rounds to infinity.</summary>
    public static bool TryParseF64(string text, out ulong value) => TryParseFloat(text, 52, 11, out value);

    private enum Form : byte
    {
        Int,
        Float,
        Inf,
        Nan,
        NanPayload,
    }

    /// <summary>The pieces of a literal, digits with underscores removed.</summary>
    private struct Parts
    {
        public Form Form;
        public bool HasSign;
        public bool Negative;
        public bool Hex;
        public string IntDigits;
        public string FracDigits;
        public bool HasExponent;
        public bool ExponentNegative;
        public string ExponentDigits;
    }

    private static bool Scan(string s, out Parts p)
    {
        p = new Parts { IntDigits = "", FracDigits = "", ExponentDigits = "" };
        int i = 0;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            p.HasSign = true;
            p.Negative = s[0] == '-';
            i = 1;
        }

        var rest = s.AsSpan(i);
        if (rest.SequenceEqual("inf"))
        {
            p.Form = Form.Inf;
            return true;
        }

        if (rest.SequenceEqual("nan"))
        {
            p.Form = Form.Nan;
            return true;
        }

        if (rest.StartsWith("nan:0x", StringComparison.Ordinal))
        {
            p.Form = Form.NanPayload;
            p.Hex = true;
            int j = i + 6;
            return Digits(s, ref j, hex: true, out p.IntDigits) && j == s.Length;
        }

        if (rest.StartsWith("0x", StringComparison.Ordinal))
        {
            p.Hex = true;
            i += 2;
        }

        if (!Digits(s, ref i, p.Hex, out p.IntDigits))
        {
            return false;
        }

        p.Form = Form.Int;
        if (i < s.Length && s[i] == '.')
        {
            p.Form = Form.Float;
            i++;
            if (i < s.Length && IsDigit(s[i], p.Hex) && !Digits(s, ref i, p.Hex, out p.FracDigits))
            {
                return false;
            }
        }

        if (i < s.Length && (p.Hex ? s[i] is 'p' or 'P' : s[i] is 'e' or 'E'))
        {
            p.Form = Form.Float;
            p.HasExponent = true;
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                p.ExponentNegative = s[i] == '-';
                i++;
            }

            if (!Digits(s, ref i, hex: false, out p.ExponentDigits))
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static bool IsDigit(char c, bool hex) => char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c));

    /// <summary>Reads <c>digit ('_'? digit)*</c>, returning the digits without underscores.</summary>
    private static bool Digits(string s, ref int i, bool hex, out string digits)
    {
        digits = "";
        int start = i;
        if (i >= s.Length || !IsDigit(s[i], hex))
        {
            return false;
        }

        bool underscore = false;
        while (i < s.Length)
        {
            if (IsDigit(s[i], hex))
            {
                i++;
            }
            else if (s[i] == '_' && i + 1 < s.Length && IsDigit(s[i + 1], hex))
            {
                underscore = true;
                i++;
            }
            else if (s[i] == '_')
            {
                return false;
            }
            else
            {
                break;
            }
        }

        digits = underscore ? s[start..i].Replace("_", "", StringComparison.Ordinal) : s[start..i];
        return true;
    }

    private static bool TryDigits(in Parts n, out ulong value)
    {
        value = 0;
        foreach (char c in n.IntDigits)
        {
            uint d = (uint)HexDigit(c);
            if (n.Hex)
            {
                if (value > ulong.MaxValue >> 4)
                {
                    return false;
                }

                value = (value << 4) | d;
            }
            else
            {
                if (value > (ulong.MaxValue - d) / 10)
                {
                    return false;
                }

                value = value * 10 + d;
            }
        }

        return true;
    }

    private static int HexDigit(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool TryParseFloat(string text, int mantBits, int expBits, out ulong bits)
    {
        bits = 0;
        if (!Scan(text, out var n))
        {
            return false;
        }

        ulong sign = n.Negative ? 1UL << (mantBits + expBits) : 0;
        ulong expMask = ((1UL << expBits) - 1) << mantBits;
        switch (n.Form)
        {
            case Form.Inf:
                bits = sign | expMask;
                return true;
            case Form.Nan:
                bits = sign | expMask | (1UL << (mantBits - 1));
                return true;
            case Form.NanPayload:
                if (!TryDigits(n, out ulong payload) || payload == 0 || payload >= 1UL << mantBits)
                {
                    return false;
                }

                bits = sign | expMask | payload;
                return true;
        }

        bool ok = n.Hex ? HexFloat(n, mantBits, expBits, out bits) : DecimalFloat(n, mantBits, out bits);
        bits |= sign;
        return ok;
    }

    private static bool DecimalFloat(in Parts n, int mantBits, out ulong bits)
    {
        // .NET's parsers round correctly (IEEE 754-2008) for any number of digits; only the exponent needs guarding.
        string exponent = n.ExponentDigits.TrimStart('0');
        if (exponent.Length > 9)
        {
            bool allZero = n.IntDigits.All(c => c == '0') && n.FracDigits.All(c => c == '0');
            bits = 0;
            return allZero || n.ExponentNegative;
        }

        string s = $"{n.IntDigits}.{(n.FracDigits.Length == 0 ? "0" : n.FracDigits)}e{(n.ExponentNegative ? "-" : "")}{(exponent.Length == 0 ? "0" : exponent)}";
        if (mantBits == 23)
        {
            float f = float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            bits = BitConverter.SingleToUInt32Bits(f);
            return float.IsFinite(f);
        }

        double d = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        bits = BitConverter.DoubleToUInt64Bits(d);
        return double.IsFinite(d);
    }

    /// <summary>Rounds a hex float to nearest-even in the format with <paramref name="mantBits"/> fraction bits.</summary>
    private static bool HexFloat(in Parts n, int mantBits, int expBits, out ulong bits)
    {
        bits = 0;

        // Keep up to 60 significant bits in m; lower digits only matter as a sticky bit.
        ulong m = 0;
        long binExp = 0;
        bool sticky = false;
        foreach (char c in n.IntDigits)
        {
            AddDigit(HexDigit(c), ref m, ref sticky, ref binExp, fraction: false);
        }

        foreach (char c in n.FracDigits)
        {
            AddDigit(HexDigit(c), ref m, ref sticky, ref binExp, fraction: true);
        }

        if (m == 0)
        {
            return true;
        }

        long exp = 0;
        foreach (char c in n.ExponentDigits)
        {
            exp = Math.Min(exp * 10 + (c - '0'), 1L << 40);
        }

        binExp += n.ExponentNegative ? -exp : exp;
        int bias = (1 << (expBits - 1)) - 1;
        long e = 63 - BitOperations.LeadingZeroCount(m) + binExp;
        long q = Math.Max(e - mantBits, 1 - bias - mantBits);
        long shift = q - binExp;
        ulong r;
        if (shift <= 0)
        {
            r = m << (int)-shift;
        }
        else if (shift >= 62)
        {
            r = 0;
        }
        else
        {
            r = m >> (int)shift;
            ulong rem = m & ((1UL << (int)shift) - 1);
            ulong half = 1UL << (int)(shift - 1);
            if (rem > half || (rem == half && (sticky || (r & 1) == 1)))
            {
                r++;
            }
        }

        if (r == 1UL << (mantBits + 1))
        {
            r >>= 1;
            q++;
        }

        if (r < 1UL << mantBits)
        {
            bits = r;
            return true;
        }

        long biased = q + mantBits + bias;
        if (biased >= (1L << expBits) - 1)
        {
            return false;
        }

        bits = ((ulong)biased << mantBits) | (r - (1UL << mantBits));
        return true;
    }

    private static void AddDigit(int d, ref ulong m, ref bool sticky, ref long binExp, bool fraction)
    {
        if (m < 1UL << 56)
        {
            m = (m << 4) | (uint)d;
            if (fraction)
            {
                binExp -= 4;
            }
        }
        else
        {
            sticky |= d != 0;
            if (!fraction)
            {
                binExp += 4;
            }
        }
    }
}
