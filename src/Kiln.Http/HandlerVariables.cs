namespace Kiln.Http;

/// <summary>
/// A handler's own environment variables sorted once for WAGI, which puts the request's CGI variables over them:
/// <see cref="Kept"/> are never overridden, <see cref="Overridable"/> may be (their names have a prefix the request's
/// variables use, as <c>HTTP_</c>), and those named like a CGI variable every request sets are dropped.
/// </summary>
internal sealed class HandlerVariables
{
    public HandlerVariables(IReadOnlyList<KeyValuePair<string, string>> environment, IReadOnlyCollection<string> alwaysSet, IReadOnlyList<string> overridablePrefixes)
    {
        // A name given twice keeps its first place and its last value, as a dictionary does.
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, value) in environment)
        {
            if (!byName.ContainsKey(name))
            {
                order.Add(name);
            }

            byName[name] = value;
        }

        foreach (string name in order)
        {
            if (alwaysSet.Contains(name))
            {
                continue;
            }

            var kv = new KeyValuePair<string, string>(name, byName[name]);
            if (overridablePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                Overridable.Add(kv);
            }
            else
            {
                Kept.Add(kv);
            }
        }
    }

    /// <summary>Variables no request overrides, in the handler's order.</summary>
    public List<KeyValuePair<string, string>> Kept { get; } = [];

    /// <summary>Variables a request may override by name, in the handler's order.</summary>
    public List<KeyValuePair<string, string>> Overridable { get; } = [];
}
