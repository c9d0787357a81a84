using Microsoft.Extensions.Logging;

namespace Kiln.Http;

/// <summary>How a <see cref="WasmServer"/> listens, logs and reloads.</summary>
public sealed class WasmServerOptions
{
    /// <summary>The default address: loopback port 3000, as Spin's.</summary>
    public const string DefaultListen = "127.0.0.1:3000";

    /// <summary><c>HOST:PORT</c> to listen on (<c>127.0.0.1:3000</c>, <c>[::1]:8080</c>, <c>0.0.0.0:80</c>, <c>localhost:3000</c>); port 0 picks a free one.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>Serve Prometheus metrics at <see cref="MetricsPath"/>. On by default.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>Where the metrics are served; a manifest route with the same path is hidden by it.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>Where to write one access-log line per request (Common Log Format plus the time taken); null for none.</summary>
    public TextWriter? AccessLog { get; set; }

    /// <summary>Reload a handler when its module file changes; requests already running finish on the old module.</summary>
    public bool Watch { get; set; }

    /// <summary>How often <see cref="Watch"/> looks at the module files.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stop waits for requests in flight before cutting them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Adds log providers (the server has none of its own): traps, timeouts and reloads are logged there.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
