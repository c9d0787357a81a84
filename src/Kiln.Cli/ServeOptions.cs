namespace Kiln.Cli;

/// <summary>The parsed command line of <c>kiln serve</c>.</summary>
internal sealed class ServeOptions
{
    /// <summary>The manifest or single handler module; null to look for a manifest in the current folder.</summary>
    public string? Target { get; init; }

    public string? Listen { get; init; }

    public bool Watch { get; init; }

    public bool AccessLog { get; init; } = true;

    public bool Metrics { get; init; } = true;

    /// <summary>Default per-request limits, in the manifests' notations; a manifest's own limits win.</summary>
    public string? Timeout { get; init; }

    public string? MaxMemory { get; init; }

    public ulong? Fuel { get; init; }
}
