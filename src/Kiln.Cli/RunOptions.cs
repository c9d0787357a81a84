namespace Kiln.Cli;

/// <summary>What <c>kiln run</c> was asked to do (see <see cref="RunCommand"/> for the flags).</summary>
internal sealed record RunOptions(string Module)
{
    /// <summary>Arguments after MODULE: the guest's argv[1..], or the numbers passed to <see cref="Invoke"/>.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary><c>--dir</c> values: <c>HOST[::GUEST[:readonly]]</c>.</summary>
    public IReadOnlyList<string> Dirs { get; init; } = [];

    /// <summary><c>--env</c> values: <c>NAME=VALUE</c>, or <c>NAME</c> to pass the host's value.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public bool InheritEnv { get; init; }

    public string? Argv0 { get; init; }

    public string? Invoke { get; init; }

    /// <summary><c>--fuel</c>: run with fuel metering and this much fuel; null runs without metering.</summary>
    public ulong? Fuel { get; init; }

    /// <summary><c>--timeout</c>: interrupt the guest this long after it starts; null for no timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>--max-memory</c>: most bytes each linear memory may grow to; null for no cap.</summary>
    public long? MaxMemory { get; init; }

    /// <summary><c>--max-stack</c>: bytes of native stack the guest may use (<see cref="EngineConfig.MaxWasmStack"/>); null for the default.</summary>
    public int? MaxStack { get; init; }

    /// <summary>Guest standard streams; null means the process's (tests redirect them).</summary>
    public Stream? Stdin { get; init; }

    public Stream? Stdout { get; init; }

    public Stream? Stderr { get; init; }
}
