using System.CommandLine;
using Kiln.Http;
using Kiln.Http.Manifests;
using Microsoft.Extensions.Logging;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln serve [MANIFEST | HANDLER.wasm] [--listen HOST:PORT]</c>: serves HTTP requests with Wasm handlers, a fresh
/// instance per request. MANIFEST is a <c>kiln.toml</c>, <c>spin.toml</c> or <c>serverless.yml</c> (by default the
/// first of those in the current folder); a <c>.wasm</c>/<c>.wat</c> file is served as a single catch-all handler.
/// Runs until Ctrl+C or SIGTERM, then finishes the requests in flight. Exit status 0 after a clean stop, 1 when the
/// manifest or a module cannot be loaded or the address cannot be bound.
/// </summary>
internal static class ServeCommand
{
    private static readonly string[] DefaultManifests = ["kiln.toml", "spin.toml", "serverless.yml"];

    public static Command Create()
    {
        var target = new Argument<string?>("MANIFEST")
        {
            Description = "kiln.toml, spin.toml or serverless.yml to serve, or one handler module (.wasm/.wat) for every path. Default: the first of kiln.toml, spin.toml, serverless.yml here.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var listen = new Option<string?>("--listen") { Description = $"Address to listen on (default: the manifest's, else {WasmServerOptions.DefaultListen}). Port 0 picks a free port.", HelpName = "HOST:PORT" };
        var watch = new Option<bool>("--watch") { Description = "Reload a handler when its module file changes; requests in flight finish on the old module." };
        var noAccessLog = new Option<bool>("--no-access-log") { Description = "Do not print a line per request." };
        var noMetrics = new Option<bool>("--no-metrics") { Description = "Do not serve Prometheus metrics at /metrics." };
        var timeout = new Option<string?>("--timeout") { Description = "Default time limit per request (e.g. 500ms, 5s): past it the guest is interrupted and the client gets 504.", HelpName = "DURATION" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Default cap on each linear memory (e.g. 64MiB).", HelpName = "SIZE" };
        var fuel = new Option<ulong?>("--fuel") { Description = "Default fuel per request (about one unit per Wasm instruction).", HelpName = "N" };
        var command = new Command("serve", "Serve HTTP requests with WebAssembly handlers (WAGI), a fresh instance per request.")
        {
            target, listen, watch, noAccessLog, noMetrics, timeout, maxMemory, fuel,
        };
        command.SetAction((r, cancellationToken) =>
        {
            var options = new ServeOptions
            {
                Target = r.GetValue(target),
                Listen = r.GetValue(listen),
                Watch = r.GetValue(watch),
                AccessLog = !r.GetValue(noAccessLog),
                Metrics = !r.GetValue(noMetrics),
                Timeout = r.GetValue(timeout),
                MaxMemory = r.GetValue(maxMemory),
                Fuel = r.GetValue(fuel),
            };
            return RunAsync(options, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires or the process is asked to stop; never throws.</summary>
    public static async Task<int> RunAsync(ServeOptions o, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        WasmServer server;
        try
        {
            var defaults = new HandlerLimits
            {
                Timeout = o.Timeout is { } t ? ManifestValues.Duration(t) : null,
                MaxMemoryBytes = o.MaxMemory is { } m ? ManifestValues.Size(m) : null,
                Fuel = o.Fuel,
            };
            var manifest = Load(o.Target, defaults);
            server = WasmServer.Create(manifest, new WasmServerOptions
            {
                Listen = o.Listen ?? manifest.Listen ?? WasmServerOptions.DefaultListen,
                Watch = o.Watch,
                Metrics = o.Metrics,
                AccessLog = o.AccessLog ? output : null,
                ConfigureLogging = logging => logging
                    .AddProvider(new ServeLoggerProvider(error, LogLevel.Information))
                    .AddFilter("Microsoft", LogLevel.Warning),
            });
        }
        catch (Exception e) when (e is ManifestException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine("Error: " + e.Message);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            try
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                error.WriteLine("Error: cannot listen: " + e.Message);
                return 1;
            }

            foreach (var address in server.Addresses)
            {
                output.WriteLine($"Serving on {address}");
            }

            foreach (var (route, handler) in server.Router.Routes)
            {
                string methods = route.Methods.Count == 0 ? "*" : string.Join(',', route.Methods);
                output.WriteLine($"  {methods,-8} {route.Route,-24} {handler.Spec.Name} ({Path.GetFileName(handler.Spec.ModulePath)})");
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C through System.CommandLine, or the caller's token: stop as on SIGTERM.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            output.WriteLine("Stopped.");
            return 0;
        }
    }

    private static ServeManifest Load(string? target, HandlerLimits defaults)
    {
        if (target is null)
        {
            target = DefaultManifests.FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"no manifest given and none of {string.Join(", ", DefaultManifests)} in {Directory.GetCurrentDirectory()}");
        }

        string ext = Path.GetExtension(target).ToLowerInvariant();
        if (ext is ".wasm" or ".wat")
        {
            if (!File.Exists(target))
            {
                throw new FileNotFoundException($"{target}: no such file");
            }

            return ServeManifest.ForSingleHandler(target, defaults);
        }

        return ManifestLoader.Load(target, defaults);
    }
}
