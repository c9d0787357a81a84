using Kiln.Wasi.Tests.Fixtures;

namespace Kiln.Wasi.Tests.Kiln;

/// <summary>
/// Each C fixture runs on Wasmtime (engine and WASI) and on Kiln (engine and Kiln.Wasi): stdout, stderr, exit code,
/// trap or not, and the resulting files must be the same, and the canary outside the sandbox untouched.
/// </summary>
public sealed class KilnFixtureTests
{
    [Theory]
    [MemberData(nameof(FixtureCases.Programs), MemberType = typeof(FixtureCases))]
    public void Fixture_matches_wasmtime_when_run_on_kiln(string fixture) => Compare(fixture, null);

    [Theory]
    [MemberData(nameof(FixtureCases.TrapCases), MemberType = typeof(FixtureCases))]
    public void Trap_matches_wasmtime_when_run_on_kiln(string trapCase) => Compare("traps", ["traps", trapCase]);

    private static void Compare(string fixture, string[]? args)
    {
        using var refScenario = new Scenario();
        using var kilnScenario = new Scenario();
        var expected = FixtureRunner.RunReference(fixture, refScenario, args);
        var actual = KilnRunner.RunFixture(fixture, kilnScenario, args);
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.Stderr, actual.Stderr);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Trap is null, actual.Trap is null);
        Assert.Equal(Normalize(expected.Files), Normalize(actual.Files));
        Assert.Equal(Scenario.CanaryText, kilnScenario.Canary());
    }

    // The two scenarios live in different temp roots; absolute link targets name them.
    private static string Normalize(string files) =>
        System.Text.RegularExpressions.Regex.Replace(files, @"/tmp/kiln-wasi-[^/\n]+", "<root>");
}
