using System.Globalization;

namespace Kiln.Http.Manifests;

/// <summary>Parses the value notations manifests (and <c>kiln serve</c>'s flags) share: durations (<c>500ms</c>, <c>2s</c>, <c>1m</c>) and sizes (<c>64MiB</c>, <c>64M</c>, <c>65536</c>).</summary>
public static class ManifestValues
{
    /// <summary>A duration: a number with <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>; throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Duration(string text)
    {
        string t = text.Trim();
        (string unit, double scale) = t.EndsWith("ms", StringComparison.Ordinal) ? ("ms", 1.0)
            : t.EndsWith('s') ? ("s", 1000.0)
            : t.EndsWith('m') ? ("m", 60_000.0)
            : t.EndsWith('h') ? ("h", 3_600_000.0)
            : ("", 0);
        if (unit.Length == 0 || !double.TryParse(t[..^unit.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) || n <= 0)
        {
            throw new FormatException($"\"{text}\" is not a duration (use e.g. 500ms, 2s, 1m)");
        }

        return TimeSpan.FromMilliseconds(n * scale);
    }

    /// <summary>A byte size: a number, optionally with K, M, G or KiB, MiB, GiB (all powers of 1024); throws <see cref="FormatException"/>.</summary>
    public static long Size(string text)
    {
        string t = text.Trim();
        int i = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i]))
        {
            i++;
        }

        long scale = t[i..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (i == 0 || scale == 0 || !long.TryParse(t[..i], NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / scale)
        {
            throw new FormatException($"\"{text}\" is not a size (use e.g. 65536, 64KiB, 16MiB, 1GiB)");
        }

        return n * scale;
    }
}
