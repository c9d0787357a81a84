using System.Globalization;

namespace Kiln.Cli;

/// <summary>Parses the limit values of <c>kiln sql</c>: durations (<c>500ms</c>, <c>2s</c>, <c>1m</c>) and sizes (<c>64MiB</c>, <c>64M</c>, bytes).</summary>
internal static class SqlLimitParser
{
    /// <summary>A duration: a non-negative number with a unit ms, s, m or h (seconds when there is none).</summary>
    /// <exception cref="FormatException">It is not one.</exception>
    public static TimeSpan Duration(string text)
    {
        var (number, unit) = Split(text);
        double factor = unit switch
        {
            "ms" => 1,
            "" or "s" => 1000,
            "m" or "min" => 60_000,
            "h" => 3_600_000,
            _ => throw new FormatException($"invalid duration '{text}': use a number with ms, s, m or h (e.g. 500ms, 2s)"),
        };
        return TimeSpan.FromMilliseconds(number * factor);
    }

    /// <summary>A size in bytes: a non-negative number with an optional unit K/KB/KiB, M/MB/MiB, G/GB/GiB (powers of 1024).</summary>
    /// <exception cref="FormatException">It is not one.</exception>
    public static long Size(string text)
    {
        var (number, unit) = Split(text);
        long factor = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => throw new FormatException($"invalid size '{text}': use a number of bytes with an optional K, M or G (e.g. 64MiB)"),
        };
        return checked((long)(number * factor));
    }

    /// <summary>A count: a positive whole number.</summary>
    /// <exception cref="FormatException">It is not one.</exception>
    public static ulong Count(string text) =>
        ulong.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) && n > 0
            ? n
            : throw new FormatException($"invalid count '{text}': use a positive whole number");

    private static (double Number, string Unit) Split(string text)
    {
        string t = text.Trim();
        int i = 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
        {
            i++;
        }

        if (i == 0 || !double.TryParse(t[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            throw new FormatException($"invalid value '{text}': it must start with a number");
        }

        return (number, t[i..].Trim());
    }
}
