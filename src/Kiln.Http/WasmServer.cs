using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Kiln.Http;

/// <summary>
/// <c>kiln serve</c>'s server: Kestrel, a <see cref="WasmRouter"/> over the manifest's routes, a fresh instance per
/// request, Prometheus metrics, an access log and module reloading. Start it, read <see cref="Addresses"/>, stop it
/// (in-flight requests finish first).
/// </summary>
public sealed class WasmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WasmServerOptions _options;
    private ModuleWatcher? _watcher;

    private WasmServer(WebApplication app, WasmRouter router, WasmServerOptions options)
    {
        _app = app;
        Router = router;
        _options = options;
    }

    /// <summary>The routes and their handlers.</summary>
    public WasmRouter Router { get; }

    /// <summary>The addresses the server listens on (with the real port when 0 was asked), once started.</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. (_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];

    /// <summary>
    /// Loads every handler of <paramref name="manifest"/> (compiling and linking its module once) and builds the
    /// server; nothing listens until <see cref="StartAsync"/>.
    /// </summary>
    /// <exception cref="FormatException"><see cref="WasmServerOptions.Listen"/> is not <c>HOST:PORT</c>.</exception>
    /// <exception cref="InvalidOperationException">A handler's module cannot be loaded; the message names it and says why.</exception>
    public static WasmServer Create(ServeManifest manifest, WasmServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new WasmServerOptions();
        var endpoint = ParseListen(options.Listen);
        var router = new WasmRouter(LoadHandlers(manifest));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "kiln-serve" });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(endpoint);
        });
        if (options.Metrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(KilnHttpMetrics.MeterName).AddPrometheusExporter());
        }

        var app = builder.Build();
        if (options.AccessLog is { } log)
        {
            UseAccessLog(app, TextWriter.Synchronized(log));
        }

        if (options.Metrics)
        {
            app.MapPrometheusScrapingEndpoint(options.MetricsPath);
        }

        app.Map("/{**path}", context => DispatchAsync(context, router));
        return new WasmServer(app, router, options);
    }

    /// <summary>Starts listening (and watching module files when asked).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_options.Watch)
        {
            var log = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kiln.Http");
            _watcher = new ModuleWatcher(Router.Routes.Select(r => r.Handler).Distinct(), _options.WatchInterval, log);
        }
    }

    /// <summary>Stops accepting connections and waits (up to the shutdown timeout) for requests in flight.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _watcher?.Dispose();
        _watcher = null;
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Parses <c>HOST:PORT</c>; <c>localhost</c> means the IPv4 loopback.</summary>
    /// <exception cref="FormatException">Not an address with a port.</exception>
    public static IPEndPoint ParseListen(string listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        int colon = listen.LastIndexOf(':');
        if (colon >= 0 && listen[..colon] is "localhost" or "" &&
            int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= IPEndPoint.MaxPort)
        {
            return new IPEndPoint(listen[..colon].Length == 0 ? IPAddress.Any : IPAddress.Loopback, port);
        }

        if (colon > 0 && IPEndPoint.TryParse(listen, out var endpoint) && listen[(colon + 1)..].Length > 0 && !listen.EndsWith(']'))
        {
            return endpoint;
        }

        throw new FormatException($"--listen {listen}: expected HOST:PORT, as 127.0.0.1:3000, [::1]:3000 or localhost:3000");
    }

    private static List<(RouteSpec, WasmHandler)> LoadHandlers(ServeManifest manifest)
    {
        // Routes with a fuel limit get an engine that meters; the others keep full speed on one that does not.
        Engine? plain = null, metered = null;
        var loaded = new Dictionary<HandlerSpec, WasmHandler>(ReferenceEqualityComparer.Instance);
        var routes = new List<(RouteSpec, WasmHandler)>();
        foreach (var route in manifest.Routes)
        {
            if (!loaded.TryGetValue(route.Handler, out var handler))
            {
                try
                {
                    var engine = route.Handler.Limits.Fuel is null
                        ? plain ??= WasmSandbox.CreateEngine(consumeFuel: false)
                        : metered ??= WasmSandbox.CreateEngine(consumeFuel: true);
                    handler = WasmHandler.Load(engine, route.Handler);
                }
                catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    throw new InvalidOperationException($"handler {route.Handler.Name} (route {route.Route}): cannot load {route.Handler.ModulePath}: {e.Message}", e);
                }

                loaded[route.Handler] = handler;
            }

            routes.Add((route, handler));
        }

        return routes;
    }

    private static async Task DispatchAsync(HttpContext context, WasmRouter router)
    {
        string path = context.Request.Path.ToUriComponent();
        if (router.Find(context.Request.Method, path.Length == 0 ? "/" : path, out bool methodNotAllowed) is not { } found)
        {
            await WasmRequest.WriteErrorAsync(context, methodNotAllowed ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        await WasmRequest.HandleAsync(context, found.Handler, found.Match).ConfigureAwait(false);
    }

    // Common Log Format, plus the time taken: host ident user [time] "request" status bytes duration.
    private static void UseAccessLog(WebApplication app, TextWriter log)
    {
        app.Use(async (context, next) =>
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                var r = context.Request;
                string bytes = context.Response.ContentLength?.ToString(CultureInfo.InvariantCulture) ?? "-";
                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{context.Connection.RemoteIpAddress} - - [{DateTimeOffset.UtcNow:dd/MMM/yyyy:HH:mm:ss zzz}] \"{r.Method} {r.Path.ToUriComponent()}{r.QueryString} {r.Protocol}\" {context.Response.StatusCode} {bytes} {ms:F3}ms"));
                await log.FlushAsync().ConfigureAwait(false);
            }
        });
    }
}
