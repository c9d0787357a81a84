namespace Kiln.Http;

/// <summary>A request path matched by a <see cref="RoutePattern"/>.</summary>
/// <param name="Pattern">The route that matched.</param>
/// <param name="PathInfo">The raw (percent-encoded) path after the route's fixed part, for a prefix route; empty otherwise.</param>
/// <param name="NamedSegments">The values of the route's <c>:name</c> segments, decoded, in route order.</param>
public sealed record RouteMatch(RoutePattern Pattern, string PathInfo, IReadOnlyList<KeyValuePair<string, string>> NamedSegments);
