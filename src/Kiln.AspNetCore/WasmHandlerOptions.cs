using Kiln.Http;

namespace Kiln.AspNetCore;

/// <summary>What a handler mapped with <see cref="WasmEndpointRouteBuilderExtensions.MapWasm"/> sees and may use.</summary>
public sealed class WasmHandlerOptions
{
    /// <summary>A name for logs and metrics; default: the module's file name without extension.</summary>
    public string? Name { get; set; }

    /// <summary>Environment variables for the guest (the request's CGI variables win on a clash).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Host directories the guest may open (read-only unless said otherwise).</summary>
    public IList<HandlerFile> Files { get; } = [];

    /// <summary>Per-request limits: timeout (504), memory, fuel, body sizes.</summary>
    public HandlerLimits Limits { get; set; } = HandlerLimits.None;

    /// <summary>The handler ABI; <c>wagi</c> is the one there is today.</summary>
    public string Executor { get; set; } = WagiExecutor.Name;
}
