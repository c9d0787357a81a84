namespace Kiln.Http;

/// <summary>
/// A route in Spin's syntax: an exact path (<c>/hello</c>), a prefix ending in a wildcard (<c>/api/...</c>, whose
/// rest becomes <c>PATH_INFO</c>), and named segments (<c>/users/:id</c>, passed as <c>X_PATH_MATCH_ID</c>).
/// </summary>
public sealed class RoutePattern
{
    private const string Wildcard = "...";
    private readonly string[] _segments;

    private RoutePattern(string text, string[] segments, bool isPrefix)
    {
        Text = text;
        _segments = segments;
        IsPrefix = isPrefix;
    }

    /// <summary>The route as written, normalised to start with '/'.</summary>
    public string Text { get; }

    /// <summary>True when the route ends in <c>/...</c> and matches every path below it.</summary>
    public bool IsPrefix { get; }

    /// <summary>The fixed part before the wildcard (<c>/api</c> for <c>/api/...</c>, <c>/</c> for <c>/...</c>); Spin's "component route".</summary>
    public string PathOrPrefix => _segments.Length == 0 ? "/" : "/" + string.Join('/', _segments);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The route is empty, has a wildcard other than a final <c>/...</c>, or an unnamed <c>:</c> segment.</exception>
    public static RoutePattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string route = text.Trim();
        if (route.Length == 0)
        {
            throw new FormatException("a route must not be empty");
        }

        if (!route.StartsWith('/'))
        {
            route = "/" + route;
        }

        var parts = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool prefix = parts.Length > 0 && parts[^1] == Wildcard;
        var segments = prefix ? parts[..^1] : parts;
        foreach (var s in segments)
        {
            if (s.Contains(Wildcard, StringComparison.Ordinal) || s.Contains('*', StringComparison.Ordinal))
            {
                throw new FormatException($"route \"{text}\": a wildcard may only be the last segment, as \"/...\"");
            }

            if (s == ":")
            {
                throw new FormatException($"route \"{text}\": a ':' segment needs a name, as \":id\"");
            }
        }

        return new RoutePattern(route, segments, prefix);
    }

    /// <summary>Matches <paramref name="path"/> (the request path, still percent-encoded); null when it does not match.</summary>
    public RouteMatch? Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < _segments.Length || (!IsPrefix && parts.Length != _segments.Length))
        {
            return null;
        }

        List<KeyValuePair<string, string>>? named = null;
        for (int i = 0; i < _segments.Length; i++)
        {
            string s = _segments[i];
            if (s.StartsWith(':'))
            {
                (named ??= []).Add(new(s[1..], Uri.UnescapeDataString(parts[i])));
            }
            else if (!string.Equals(s, parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        string rest = IsPrefix ? RestOf(path, _segments.Length) : "";
        return new RouteMatch(this, rest, named ?? []);
    }

    /// <summary>How specific the route is, for choosing among several matches: exact before prefix, then more literal segments first.</summary>
    internal (int Exact, int Literals, int Segments) Specificity =>
        (IsPrefix ? 0 : 1, _segments.Count(s => !s.StartsWith(':')), _segments.Length);

    /// <inheritdoc />
    public override string ToString() => Text;

    // The raw text after the first `count` segments, keeping the leading '/' (and a trailing one, if any).
    private static string RestOf(string path, int count)
    {
        int i = 0;
        for (int seen = 0; seen < count; seen++)
        {
            while (i < path.Length && path[i] == '/')
            {
                i++;
            }

            while (i < path.Length && path[i] != '/')
            {
                i++;
            }
        }

        return path[i..];
    }
}
