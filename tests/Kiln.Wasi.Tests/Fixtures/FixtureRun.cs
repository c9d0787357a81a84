namespace Kiln.Wasi.Tests.Fixtures;

/// <summary>What one run of a fixture produced.</summary>
internal sealed record FixtureRun(string Stdout, string Stderr, int ExitCode, string? Trap, string Files);
