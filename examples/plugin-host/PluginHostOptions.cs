namespace Kiln.Examples.PluginHost;

/// <summary>How much each plugin call may use, and what the host tells plugins.</summary>
public sealed class PluginHostOptions
{
    /// <summary>Fuel (roughly, WebAssembly instructions) per call; 0 turns fuel metering off.</summary>
    public ulong Fuel { get; init; } = 10_000_000;

    /// <summary>Wall-clock time per call, after which the plugin is interrupted.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes of linear memory a plugin may have.</summary>
    public long MaxMemoryBytes { get; init; } = 16 << 20;

    /// <summary>Lines a plugin may log per call (through <c>host.log</c> and WASI stdout/stderr); the rest are counted, not kept.</summary>
    public int MaxLogLines { get; init; } = 20;

    /// <summary>The configuration plugins read with <c>host.config</c>.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock behind <c>host.now</c> (tests fix it).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}
