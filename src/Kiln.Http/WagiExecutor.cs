using System.Globalization;
using Kiln.Wasi;
using Microsoft.AspNetCore.Http;
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
        byte[] body = await ReadBodyAsync(context.Request, spec.Limits.MaxRequestBodyBytes ?? DefaultMaxBody).ConfigureAwait(false);
        var stdout = new CappedOutputStream(spec.Limits.MaxResponseBytes ?? DefaultMaxOutput);
        var stderr = new CappedOutputStream(64 << 10);
        var options = new WasiOptions { Stdin = new MemoryStream(body, writable: false), Stdout = stdout, Stderr = stderr };
        foreach (var a in Argv(spec.Argv, context.Request))
        {
            options.Args.Add(a);
        }

        foreach (var kv in Environment(spec, context, match, body.Length))
        {
            options.Environment.Add(kv);
        }

        foreach (var f in spec.Files)
        {
            options.Preopens.Add(new WasiPreopen(f.HostPath, f.GuestPath, f.ReadOnly));
        }

        try
        {
            await GuestPool.Shared.RunAsync(() => Run(handler, options, match.Pattern.Text)).ConfigureAwait(false);
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

    /// <summary>
    /// The CGI/1.1 environment of a request, as Spin's WAGI executor builds it; the handler's own variables come
    /// first and are overridden by the request's.
    /// </summary>
    internal static List<KeyValuePair<string, string>> Environment(HandlerSpec spec, HttpContext context, RouteMatch match, long contentLength)
    {
        var request = context.Request;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in spec.Environment)
        {
            env[kv.Key] = kv.Value;
        }

        string host = request.Host.HasValue ? request.Host.Value! : "localhost";
        string serverName = request.Host.HasValue ? request.Host.Host : "localhost";
        string serverPort = request.Host.Port?.ToString(CultureInfo.InvariantCulture)
            ?? context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        string query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string rawPath = request.PathBase.Add(request.Path).ToUriComponent();
        string client = context.Connection.RemoteIpAddress?.ToString() ?? "";
        string pathInfo = Uri.UnescapeDataString(match.PathInfo);

        env["AUTH_TYPE"] = "";
        env["CONTENT_LENGTH"] = contentLength.ToString(CultureInfo.InvariantCulture);
        env["CONTENT_TYPE"] = request.ContentType ?? "";
        env["GATEWAY_INTERFACE"] = "CGI/1.1";
        env["QUERY_STRING"] = query;
        env["REMOTE_ADDR"] = client;
        env["REMOTE_HOST"] = client;
        env["REMOTE_USER"] = "";
        env["REQUEST_METHOD"] = request.Method;
        env["SCRIPT_NAME"] = match.Pattern.PathOrPrefix;
        env["PATH_INFO"] = pathInfo;
        env["PATH_TRANSLATED"] = pathInfo;
        env["X_RAW_PATH_INFO"] = match.PathInfo;
        env["SERVER_NAME"] = serverName;
        env["SERVER_PORT"] = serverPort;
        env["SERVER_PROTOCOL"] = request.Protocol;
        env["SERVER_SOFTWARE"] = "WAGI/1";
        env["X_FULL_URL"] = $"{request.Scheme}://{host}{rawPath}{request.QueryString.Value}";
        env["X_MATCHED_ROUTE"] = match.Pattern.Text;
        env["X_BASE_PATH"] = "/";
        env["X_RAW_COMPONENT_ROUTE"] = match.Pattern.Text;
        env["X_COMPONENT_ROUTE"] = match.Pattern.PathOrPrefix;
        env["X_CLIENT_ADDR"] = context.Connection.RemoteIpAddress is null ? "" : $"{client}:{context.Connection.RemotePort}";
        foreach (var (name, value) in match.NamedSegments)
        {
            env["X_PATH_MATCH_" + name.ToUpperInvariant()] = value;
        }

        foreach (var (name, values) in request.Headers)
        {
            string key = "HTTP_" + name.ToUpperInvariant().Replace('-', '_');
            // RFC 3875 §4.1.18: credentials and connection details are not the script's business.
            if (key is not "HTTP_AUTHORIZATION" and not "HTTP_CONNECTION")
            {
                env[key] = values.ToString();
            }
        }

        return [.. env];
    }

    /// <summary>The guest's argv: the template with <c>${SCRIPT_NAME}</c> (the request path, percent-encoded as sent) and <c>${ARGS}</c> (the query, '&amp;' read as ' ') substituted, split on spaces.</summary>
    internal static string[] Argv(string template, HttpRequest request)
    {
        string query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        return template
            .Replace("${SCRIPT_NAME}", request.PathBase.Add(request.Path).ToUriComponent(), StringComparison.Ordinal)
            .Replace("${ARGS}", query.Replace('&', ' '), StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    // Instantiates and runs the guest on the calling thread (a GuestPool thread); every guest failure becomes a HandlerFailedException.
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
        using var timeout = limits.Timeout is { } t ? new CancellationTokenSource(t) : null;
        WasmSandbox.Apply(store, limits, timeout);
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
        catch (TrapException e) when (timeout?.IsCancellationRequested == true)
        {
            throw new HandlerFailedException(HandlerFailure.Timeout, $"the handler ran past its timeout of {limits.Timeout!.Value.TotalMilliseconds} ms", e);
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

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength == 0)
        {
            return [];
        }

        if (request.ContentLength > limit)
        {
            throw new HandlerFailedException(HandlerFailure.RequestTooLarge, $"the request body is larger than {limit} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 << 10];
        int n;
        while ((n = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                throw new HandlerFailedException(HandlerFailure.RequestTooLarge, $"the request body is larger than {limit} bytes");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
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
