namespace Kiln.Http;

/// <summary>
/// What <c>kiln serve</c> serves, whatever the manifest format it came from (<c>kiln.toml</c>, Spin's <c>spin.toml</c>,
/// <c>serverless.yml</c>): the routes, and the address to listen on when the manifest names one.
/// </summary>
public sealed record ServeManifest
{
    /// <summary>The manifest file (absolute), or null for a manifest built in code.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The routes, in manifest order.</summary>
    public required IReadOnlyList<RouteSpec> Routes { get; init; }

    /// <summary>The address to listen on (<c>host:port</c>), when the manifest names one.</summary>
    public string? Listen { get; init; }

    /// <summary>A manifest with one catch-all route (<c>/...</c>) to <paramref name="modulePath"/>: what <c>kiln serve handler.wasm</c> serves.</summary>
    public static ServeManifest ForSingleHandler(string modulePath, HandlerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        string full = Path.GetFullPath(modulePath);
        var handler = new HandlerSpec
        {
            Name = Path.GetFileNameWithoutExtension(full),
            ModulePath = full,
            Limits = limits ?? HandlerLimits.None,
        };
        return new ServeManifest { Routes = [new RouteSpec(RoutePattern.Parse("/..."), [], handler)] };
    }
}
