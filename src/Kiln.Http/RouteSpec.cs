namespace Kiln.Http;

/// <summary>One route of a manifest: which requests (<paramref name="Route"/>, <paramref name="Methods"/>) go to which handler.</summary>
/// <param name="Route">The path pattern.</param>
/// <param name="Methods">Upper-case HTTP methods the route accepts; empty means every method.</param>
/// <param name="Handler">What runs the request.</param>
public sealed record RouteSpec(RoutePattern Route, IReadOnlyList<string> Methods, HandlerSpec Handler);
