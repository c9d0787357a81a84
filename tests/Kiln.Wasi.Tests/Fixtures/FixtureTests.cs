namespace Kiln.Wasi.Tests.Fixtures;

/// <summary>
/// Each C fixture runs twice on Wasmtime's engine: with Wasmtime's WASI and with Kiln.Wasi. Stdout, exit code and
/// the resulting files must be the same, and the canary outside the sandbox must be untouched.
/// </summary>
public sealed class FixtureTests
{
    [Theory]
    [MemberData(nameof(FixtureCases.Programs), MemberType = typeof(FixtureCases))]
    public void Fixture_matches_wasmtime_when_run_with_kiln_wasi(string fixture) => Compare(fixture, null);

    [Theory]
    [MemberData(nameof(FixtureCases.TrapCases), MemberType = typeof(FixtureCases))]
    public void Traps_match_wasmtime_when_an_argument_is_invalid(string trapCase) => Compare("traps", ["traps", trapCase], trapCase);

    private static void Compare(string fixture, string[]? args, string? tag = null)
    {
        using var refScenario = new Scenario();
        using var kilnScenario = new Scenario();
        var expected = FixtureRunner.RunReference(fixture, refScenario, args);
        var actual = FixtureRunner.RunKiln(fixture, kilnScenario, args);
        fixture += tag is null ? "" : "-" + tag;
        if (Environment.GetEnvironmentVariable("KILN_WASI_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllText(Path.Combine(dump, fixture + ".wasmtime.txt"), Describe(expected));
            File.WriteAllText(Path.Combine(dump, fixture + ".kiln.txt"), Describe(actual));
        }
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.Stderr, actual.Stderr);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Trap is null, actual.Trap is null);
        Assert.Equal(Normalize(expected.Files), Normalize(actual.Files));
        Assert.Equal(Scenario.CanaryText, refScenario.Canary());
        Assert.Equal(Scenario.CanaryText, kilnScenario.Canary());
    }

    private static string Describe(FixtureRun r) =>
        $"exit={r.ExitCode} trap={r.Trap}\n--- stdout\n{r.Stdout}--- stderr\n{r.Stderr}--- files\n{Normalize(r.Files)}";

    // The two scenarios live in different temp roots; absolute link targets name them.
    private static string Normalize(string files) =>
        System.Text.RegularExpressions.Regex.Replace(files, @"/tmp/kiln-wasi-[^/\n]+", "<root>");
}
