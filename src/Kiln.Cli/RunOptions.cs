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

    /// <summary>Flags the engine cannot honour yet, by name, with the value given; using any of them is an error.</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>Guest standard streams; null means the process's (tests redirect them).</summary>
    public Stream? Stdin { get; init; }

    public Stream? Stdout { get; init; }

    public Stream? Stderr { get; init; }
}
