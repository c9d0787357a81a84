using System.Text;
using Kiln.Wast;
using Xunit.Abstractions;

namespace Kiln.Tests.Spec;

/// <summary>
/// The official spec suite, one test per script: a script fails when fewer of its assertions pass than
/// tests/spec-baseline.json records (regenerate it with scripts/update-spec-baseline.sh; it only goes up).
/// </summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyDictionary<string, int>> Baseline = new(SpecSuite.Baseline);

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (string file in SpecSuite.Files())
        {
            data.Add(file);
        }

        if (data.Count == 0)
        {
            // No suite: one case that says so, rather than a theory without data.
            data.Add("");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Spec_script_passes_at_least_its_baseline_count(string script)
    {
        Assert.True(script.Length > 0, $"spec suite not found at {SpecSuite.Folder} (set KILN_SPEC_TESTSUITE)");
        var result = new WastRunner().RunFile(Path.Combine(SpecSuite.Folder, script), script);
        int expected = Baseline.Value.GetValueOrDefault(script);
        var report = new StringBuilder($"{script}: {result.Passed} passed, {result.Failed} failed (baseline {expected})");
        foreach (var failure in result.Failures.Take(50))
        {
            report.Append($"\n  line {failure.Line}: {failure.Command}: {failure.Message}");
        }

        if (result.Failures.Count > 50)
        {
            report.Append($"\n  ... and {result.Failures.Count - 50} more");
        }

        output.WriteLine(report.ToString());
        Assert.True(result.Passed >= expected, report.ToString());
    }
}
