using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Kiln.Wasi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Http;

/// <summary>
/// WAGI, CGI over WASI preview 1, as Spin's <c>wagi</c> executor runs it: the request becomes CGI/1.1 environment
/// variables (<c>REQUEST_METHOD</c>, <c>PATH_INFO</c>, <c>QUERY_STRING</c>, <c>HTTP_*</c>, <c>X_FULL_URL</c>, ...) and
/// the body is stdin; the guest's <c>_start</c> writes CGI headers, a blank line and the body to stdout.
/// </summary>
public sealed class WagiExecutor : IWasmExecutor
{
    /// <summary>The executor's name in manifests (<c>executor = "wagi"</c>).</summary>
    public const string Name = "wagi";

    private const long DefaultMaxBody = 16 << 20;
    private const long DefaultMaxOutput = 64 << 20;

    // The handler's own environment, split once per handler (see AddEnvironment).
    private static readonly ConditionalWeakTable<HandlerSpec, HandlerVariables> OwnVariables = [];

    // The variables every request sets (AddEnvironment), and the prefixes of those it may set.
    private static readonly string[] CgiVariables =
    [
        "AUTH_TYPE", "CONTENT_LENGTH", "CONTENT_TYPE", "GATEWAY_INTERFACE", "QUERY_STRING", "REMOTE_ADDR", "REMOTE_HOST",
        "REMOTE_USER", "REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "PATH_TRANSLATED", "X_RAW_PATH_INFO", "SERVER_NAME",
        "SERVER_PORT", "SERVER_PROTOCOL", "SERVER_SOFTWARE", "X_FULL_URL", "X_MATCHED_ROUTE", "X_BASE_PATH",
        "X_RAW_COMPONENT_ROUTE", "X_COMPONENT_ROUTE", "X_CLIENT_ADDR",
    ];

    private static readonly char[] ArgSeparators = ['&', ' '];

    private static readonly string[] OverridablePrefixes = ["HTTP_", "X_PATH_MATCH_"];

    private static readonly ConcurrentDictionary<string, string> HeaderVariables = new(StringComparer.Ordinal);

    private WagiExecutor()
    {
    }

    /// <summary>The executor (it keeps no state).</summary>
    public static WagiExecutor Instance { get; } = new();

    /// <inheritdoc />
    public void Define(Linker linker)
    {
        ArgumentNullException.ThrowIfNull(linker);
        linker.DefineWasi(caller => (WasiPreview1)caller.Data!);
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext context, WasmHandler handler, RouteMatch match)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(match);
        var spec = handler.Spec;
        byte[] body = await ReadBodyAsync(context, spec.Limits.MaxRequestBodyBytes ?? DefaultMaxBody).ConfigureAwait(false);
        var stdout = new CappedOutputStream(spec.Limits.MaxResponseBytes ?? DefaultMaxOutput);
        var stderr = new CappedOutputStream(64 << 10);
        try
        {
            var options = new WasiOptions
            {
                Args = Argv(spec.Argv, context.Request),
                Environment = new List<KeyValuePair<string, string>>(CgiVariables.Length + 8),
                Stdin = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false),
                Stdout = stdout,
                Stderr = stderr,
            };
            AddEnvironment(options.Environment, spec, context, match, body.Length);
            foreach (var f in spec.Files)
            {
                options.Preopens.Add(new WasiPreopen(f.HostPath, f.GuestPath, f.ReadOnly));
            }

            try
            {
                await GuestPool.Shared.RunAsync(handler, options, match.Pattern.Text, Run).ConfigureAwait(false);
            }
            finally
            {
                if (stderr.Length > 0)
                {
                    var log = context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Kiln.Http.Guest");
                    log?.LogInformation("{Handler} stderr: {Text}", spec.Name, System.Text.Encoding.UTF8.GetString(stderr.Written.Span).TrimEnd());
                }
            }

            if (stdout.Overflowed)
            {
                throw new HandlerFailedException(HandlerFailure.BadResponse, $"the handler wrote more than {spec.Limits.MaxResponseBytes ?? DefaultMaxOutput} bytes to stdout");
            }

            CgiResponse response;
            try
            {
                response = CgiResponse.Parse(stdout.Written);
            }
            catch (FormatException e)
            {
                throw new HandlerFailedException(HandlerFailure.BadResponse, "malformed CGI output: " + e.Message, e);
            }

            await WriteAsync(context.Response, response).ConfigureAwait(false);
        }
        finally
        {
            // The response is written (copied into the server's buffers): the output buffers go back to the pool.
            stdout.Release();
            stderr.Release();
        }
    }

    /// <summary>
    /// The CGI/1.1 environment of a request, as Spin's WAGI executor builds it; the handler's own variables come
    /// first and are overridden by the request's.
    /// </summary>
    internal static List<KeyValuePair<string, string>> Environment(HandlerSpec spec, HttpContext context, RouteMatch match, long contentLength)
    {
        var env = new List<KeyValuePair<string, string>>();
        AddEnvironment(env, spec, context, match, contentLength);
        return env;
    }

    /// <summary>Appends the CGI/1.1 environment of a request to <paramref name="env"/> (see <see cref="Environment"/>).</summary>
    private static void AddEnvironment(IList<KeyValuePair<string, string>> env, HandlerSpec spec, HttpContext context, RouteMatch match, long contentLength)
    {
        var request = context.Request;
        var own = OwnVariables.GetValue(spec, static s => new HandlerVariables(s.Environment, CgiVariables, OverridablePrefixes));
        foreach (var kv in own.Kept)
        {
            env.Add(kv);
        }

        // The handler's variables a request may override by name (HTTP_*, X_PATH_MATCH_*) come next, so that an
        // override can replace the value where it stands; the request's variables follow, each name once.
        int firstVariable = env.Count;
        foreach (var kv in own.Overridable)
        {
            env.Add(kv);
        }

        string host = request.Host.HasValue ? request.Host.Value! : "localhost";
        string serverName = request.Host.HasValue ? request.Host.Host : "localhost";
        string serverPort = request.Host.Port?.ToString(CultureInfo.InvariantCulture)
            ?? context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        string query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string rawPath = request.PathBase.Add(request.Path).ToUriComponent();
        string client = context.Connection.RemoteIpAddress?.ToString() ?? "";
        string pathInfo = match.PathInfo.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(match.PathInfo) : match.PathInfo;

        env.Add(new("AUTH_TYPE", ""));
        env.Add(new("CONTENT_LENGTH", contentLength.ToString(CultureInfo.InvariantCulture)));
        env.Add(new("CONTENT_TYPE", request.ContentType ?? ""));
        env.Add(new("GATEWAY_INTERFACE", "CGI/1.1"));
        env.Add(new("QUERY_STRING", query));
        env.Add(new("REMOTE_ADDR", client));
        env.Add(new("REMOTE_HOST", client));
        env.Add(new("REMOTE_USER", ""));
        env.Add(new("REQUEST_METHOD", request.Method));
        env.Add(new("SCRIPT_NAME", match.Pattern.PathOrPrefix));
        env.Add(new("PATH_INFO", pathInfo));
        env.Add(new("PATH_TRANSLATED", pathInfo));
        env.Add(new("X_RAW_PATH_INFO", match.PathInfo));
        env.Add(new("SERVER_NAME", serverName));
        env.Add(new("SERVER_PORT", serverPort));
        env.Add(new("SERVER_PROTOCOL", request.Protocol));
        env.Add(new("SERVER_SOFTWARE", "WAGI/1"));
        env.Add(new("X_FULL_URL", string.Concat(request.Scheme, "://", host, rawPath, request.QueryString.Value)));
        env.Add(new("X_MATCHED_ROUTE", match.Pattern.Text));
        env.Add(new("X_BASE_PATH", "/"));
        env.Add(new("X_RAW_COMPONENT_ROUTE", match.Pattern.Text));
        env.Add(new("X_COMPONENT_ROUTE", match.Pattern.PathOrPrefix));
        env.Add(new("X_CLIENT_ADDR", context.Connection.RemoteIpAddress is null ? "" : client + ":" + context.Connection.RemotePort.ToString(CultureInfo.InvariantCulture)));
        foreach (var (name, value) in match.NamedSegments)
        {
            SetVariable(env, firstVariable, "X_PATH_MATCH_" + name.ToUpperInvariant(), value);
        }

        foreach (var (name, values) in request.Headers)
        {
            string key = HeaderVariable(name);
            // RFC 3875 §4.1.18: credentials and connection details are not the script's business.
            if (key is not "HTTP_AUTHORIZATION" and not "HTTP_CONNECTION")
            {
                SetVariable(env, firstVariable, key, values.ToString());
            }
        }
    }

    // A variable a request may set more than once or over a handler variable (HTTP_*, X_PATH_MATCH_*): it replaces the
    // value of an earlier one of the same name where it stands, as a dictionary would, else it is appended.
    private static void SetVariable(IList<KeyValuePair<string, string>> env, int firstVariable, string key, string value)
    {
        for (int i = firstVariable; i < env.Count; i++)
        {
            if (string.Equals(env[i].Key, key, StringComparison.Ordinal))
            {
                env[i] = new(key, value);
                return;
            }
        }

        env.Add(new(key, value));
    }

    // HTTP_ + the header name upper-cased with '-' as '_': the same few names arrive on every request, so they are
    // remembered (up to a bound, as a client chooses the names).
    private static string HeaderVariable(string header)
    {
        if (HeaderVariables.TryGetValue(header, out var key))
        {
            return key;
        }

        key = "HTTP_" + header.ToUpperInvariant().Replace('-', '_');
        if (HeaderVariables.Count < 512)
        {
            HeaderVariables.TryAdd(header, key);
        }

        return key;
    }

    /// <summary>The guest's argv: the template with <c>${SCRIPT_NAME}</c> (the request path, percent-encoded as sent) and <c>${ARGS}</c> (the query, '&amp;' read as ' ') substituted, split on spaces.</summary>
    internal static string[] Argv(string template, HttpRequest request)
    {
        string query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string scriptName = request.PathBase.Add(request.Path).ToUriComponent();
        if (string.Equals(template, HandlerSpec.DefaultArgv, StringComparison.Ordinal) && !scriptName.Contains(' ', StringComparison.Ordinal))
        {
            // The usual template, without the substitute-then-split strings: the path, then the query's parts.
            return query.Length == 0 ? [scriptName] : [scriptName, .. query.Split(ArgSeparators, StringSplitOptions.RemoveEmptyEntries)];
        }

        return template
            .Replace("${SCRIPT_NAME}", scriptName, StringComparison.Ordinal)
            .Replace("${ARGS}", query.Replace('&', ' '), StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    // Instantiates and runs the guest on the calling thread; every guest failure becomes a HandlerFailedException.
    private static void Run(WasmHandler handler, WasiOptions options, string route)
    {
        var spec = handler.Spec;
        var prepared = handler.Prepared;
        var limits = spec.Limits;
        WasiPreview1 wasi;
        try
        {
            wasi = new WasiPreview1(options);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new HandlerFailedException(HandlerFailure.Instantiation, "cannot give the handler its files: " + e.Message, e);
        }

        using var _ = wasi;
        using var store = new Store<WasiPreview1>(handler.Engine, wasi);
        WasmSandbox.Apply(store, limits);
        try
        {
            var instance = prepared.Instantiate(store);
            KilnHttpMetrics.Instantiated(route);
            Action start;
            try
            {
                start = instance.GetAction(spec.Entrypoint)
                    ?? throw new HandlerFailedException(HandlerFailure.Instantiation, $"the module exports no function \"{spec.Entrypoint}\"");
            }
            catch (InvalidCastException e)
            {
                throw new HandlerFailedException(HandlerFailure.Instantiation, $"\"{spec.Entrypoint}\" must take no parameters and return nothing", e);
            }

            start();
        }
        catch (TrapException e) when (KilnWasiContext.ExitCodeOf(e) is int code)
        {
            if (code != 0)
            {
                throw new HandlerFailedException(HandlerFailure.Trap, $"the handler exited with code {code}", e);
            }
        }
        catch (TrapException e) when (e.Kind == TrapKind.Interrupted && limits.Timeout is { } timeout)
        {
            // Only the timeout's epoch deadline interrupts a request's store.
            throw new HandlerFailedException(HandlerFailure.Timeout, $"the handler ran past its timeout of {timeout.TotalMilliseconds} ms", e);
        }
        catch (TrapException e)
        {
            throw new HandlerFailedException(HandlerFailure.Trap, TrapText(e), e);
        }
        catch (WasmException e) when (e is LinkingException or ResourceLimitException)
        {
            throw new HandlerFailedException(HandlerFailure.Instantiation, "cannot instantiate the module: " + e.Message, e);
        }
        finally
        {
            wasi.Flush();
        }
    }

    private static string TrapText(TrapException e)
    {
        var frames = e.WasmBacktrace;
        return frames.Count == 0 ? "trap: " + e.Reason : $"trap: {e.Reason} (in {string.Join(" <- ", frames)})";
    }

    private static async ValueTask<byte[]> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return [];
        }

        if (request.ContentLength > limit)
        {
            throw new HandlerFailedException(HandlerFailure.RequestTooLarge, $"the request body is larger than {limit} bytes");
        }

        // Read through the request's pipe and copy once into the array stdin reads, instead of through a chunk buffer.
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            if (result.Buffer.Length > limit)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw new HandlerFailedException(HandlerFailure.RequestTooLarge, $"the request body is larger than {limit} bytes");
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                byte[] body = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return body;
            }

            // Nothing consumed, everything examined: the next read returns once more has arrived.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static async Task WriteAsync(HttpResponse http, CgiResponse response)
    {
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers.Append(name, value);
        }

        http.ContentLength = response.Body.Length;
        await http.Body.WriteAsync(response.Body).ConfigureAwait(false);
    }
}
