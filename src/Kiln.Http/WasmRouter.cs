namespace Kiln.Http;

/// <summary>
/// Chooses the handler for a request from method and path. Among the routes whose pattern matches, an exact route
/// beats a prefix, then the one with more literal segments, then the longer one, then the first in the manifest.
/// </summary>
public sealed class WasmRouter
{
    private readonly (RouteSpec Route, WasmHandler Handler)[] _routes;

    /// <summary>Creates a router over <paramref name="routes"/> (route and its loaded handler).</summary>
    public WasmRouter(IEnumerable<(RouteSpec Route, WasmHandler Handler)> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _routes = [.. routes];
    }

    /// <summary>The routes, in manifest order.</summary>
    public IEnumerable<(RouteSpec Route, WasmHandler Handler)> Routes => _routes;

    /// <summary>
    /// The handler for <paramref name="method"/> <paramref name="path"/>: found (handler and match), or not: then
    /// <paramref name="methodNotAllowed"/> tells whether the path matched a route that takes other methods (405 rather than 404).
    /// </summary>
    public (WasmHandler Handler, RouteMatch Match)? Find(string method, string path, out bool methodNotAllowed)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        methodNotAllowed = false;
        (WasmHandler, RouteMatch)? best = null;
        (int, int, int) bestRank = default;
        foreach (var (route, handler) in _routes)
        {
            if (route.Route.Match(path) is not { } match)
            {
                continue;
            }

            if (route.Methods.Count > 0 && !route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                methodNotAllowed = true;
                continue;
            }

            var rank = route.Route.Specificity;
            if (best is null || rank.CompareTo(bestRank) > 0)
            {
                best = (handler, match);
                bestRank = rank;
            }
        }

        if (best is not null)
        {
            methodNotAllowed = false;
        }

        return best;
    }
}
