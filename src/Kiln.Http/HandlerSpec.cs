namespace Kiln.Http;

/// <summary>
/// How to run one handler, as a manifest describes it: the module, its ABI (<see cref="Executor"/>), what it sees
/// (environment, files) and its limits. <see cref="WasmHandler.Load(Engine, HandlerSpec)"/> turns it into a runnable handler.
/// </summary>
public sealed record HandlerSpec
{
    /// <summary>The default WAGI command line: the script name (request path) and the query's <c>&amp;</c>-separated parts.</summary>
    public const string DefaultArgv = "${SCRIPT_NAME} ${ARGS}";

    /// <summary>A name for logs and metrics (component id, function name).</summary>
    public required string Name { get; init; }

    /// <summary>The module file (.wasm or .wat), absolute.</summary>
    public required string ModulePath { get; init; }

    /// <summary>The handler ABI; <c>wagi</c> is the one there is today.</summary>
    public string Executor { get; init; } = WagiExecutor.Name;

    /// <summary>Environment variables set for the guest before the request's CGI variables (which win on a clash).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Host directories the guest may open.</summary>
    public IReadOnlyList<HandlerFile> Files { get; init; } = [];

    /// <summary>
    /// Hosts the handler may reach, in Spin's notation. WAGI guests (WASI preview 1) have no outbound network at all,
    /// so today the list only documents intent; it applies with the <c>wasi:http</c> ABI.
    /// </summary>
    public IReadOnlyList<string> AllowedOutboundHosts { get; init; } = [];

    /// <summary>Limits for each request.</summary>
    public HandlerLimits Limits { get; init; } = HandlerLimits.None;

    /// <summary>The WAGI argv template, with <c>${SCRIPT_NAME}</c> and <c>${ARGS}</c> substituted per request, split on spaces.</summary>
    public string Argv { get; init; } = DefaultArgv;

    /// <summary>The export to call: <c>_start</c> for a WASI command.</summary>
    public string Entrypoint { get; init; } = "_start";
}
