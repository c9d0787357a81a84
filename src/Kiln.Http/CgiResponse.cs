using System.Text;

namespace Kiln.Http;

/// <summary>
/// A WAGI guest's standard output read as a CGI response (RFC 3875 §6): header lines, a blank line, the body.
/// <c>Status</c> sets the status; <c>Location</c> without <c>Status</c> means 302; at least one of
/// <c>Content-Type</c>, <c>Location</c>, <c>Status</c> is required. Carriage returns in the header block are ignored.
/// </summary>
internal sealed class CgiResponse
{
    // Set by the server from the body it sends; a guest's value could only contradict it.
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Status",
    };

    private CgiResponse(int status, List<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        StatusCode = status;
        Headers = headers;
        Body = body;
    }

    public int StatusCode { get; }

    /// <summary>Response headers in output order (repeats kept, e.g. several <c>Set-Cookie</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Parses <paramref name="output"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static CgiResponse Parse(ReadOnlyMemory<byte> output)
    {
        var span = output.Span;
        if (span.IsEmpty)
        {
            throw new FormatException("the handler wrote nothing to stdout (a WAGI handler must write CGI headers, a blank line, then the body)");
        }

        int end = HeaderEnd(span, out int bodyStart);
        if (end < 0)
        {
            throw new FormatException("no blank line ends the CGI headers");
        }

        if (end == 0)
        {
            throw new FormatException("the CGI headers have none of Content-Type, Location or Status");
        }

        int status = 200;
        bool hasStatus = false, hasLocation = false, hasType = false;
        var headers = new List<KeyValuePair<string, string>>();
        int lineNo = 0;
        var block = span[..end];
        while (true)
        {
            int newline = block.IndexOf((byte)'\n');
            string raw = Line(newline < 0 ? block : block[..newline]);
            block = newline < 0 ? [] : block[(newline + 1)..];
            lineNo++;
            int colon = raw.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? "" : raw[..colon].Trim();
            if (colon < 0 || !IsToken(name))
            {
                throw new FormatException($"CGI header line {lineNo} is not \"Name: value\": \"{Shorten(raw)}\"");
            }

            string value = raw[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = ParseStatus(value);
                hasStatus = true;
            }
            else if (name.Equals("Location", StringComparison.OrdinalIgnoreCase))
            {
                hasLocation = true;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                hasType = true;
            }

            if (!Dropped.Contains(name))
            {
                headers.Add(new(name, value));
            }

            if (newline < 0)
            {
                break;
            }
        }

        if (!hasStatus && !hasLocation && !hasType)
        {
            throw new FormatException("the CGI headers have none of Content-Type, Location or Status");
        }

        if (hasLocation && !hasStatus)
        {
            status = 302;
        }

        return new CgiResponse(status, headers, output[bodyStart..]);
    }

    // One header line as text, carriage returns ignored wherever they are (the header block is read line by line, not
    // decoded, copied without CRs and split as a whole).
    private static string Line(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf((byte)'\r') < 0)
        {
            return Encoding.Latin1.GetString(line);
        }

        Span<byte> kept = line.Length <= 256 ? stackalloc byte[line.Length] : new byte[line.Length];
        int n = 0;
        foreach (byte b in line)
        {
            if (b != (byte)'\r')
            {
                kept[n++] = b;
            }
        }

        return Encoding.Latin1.GetString(kept[..n]);
    }

    // The end of the header block (exclusive: the newline ending its last line) and where the body starts, or -1.
    // A blank line is "\n\n" once CRs are ignored, so "\r\n\r\n", "\n\n" and "\n\r\n" all end it.
    private static int HeaderEnd(ReadOnlySpan<byte> s, out int bodyStart)
    {
        int lastNewline = -1;
        bool afterNewline = true;
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            if (b == (byte)'\r')
            {
                continue;
            }

            if (b == (byte)'\n')
            {
                if (afterNewline)
                {
                    bodyStart = i + 1;
                    return Math.Max(lastNewline, 0);
                }

                afterNewline = true;
                lastNewline = i;
            }
            else
            {
                afterNewline = false;
            }
        }

        bodyStart = -1;
        return -1;
    }

    private static int ParseStatus(string value)
    {
        // "Status: 404 Not Found": only the code matters.
        int space = value.IndexOf(' ', StringComparison.Ordinal);
        string code = space < 0 ? value : value[..space];
        if (code.Length != 3 || !int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int status) || status < 100)
        {
            throw new FormatException($"invalid CGI Status \"{Shorten(value)}\" (expected a 3-digit code, as \"404 Not Found\")");
        }

        return status;
    }

    private static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
