using Kiln.Tests.Spec;
using Kiln.Wast;

namespace Kiln.Tests.Persisted;

/// <summary>
/// Spec scripts whose modules rely on the values persisted code relocates (type ids, float constants, exception
/// method ids), on calls and traps, run on persisted code: as many assertions pass as with ordinary compilation.
/// </summary>
public sealed class PersistedSpecTests
{
    [Theory]
    [InlineData("call_indirect.wast")]
    [InlineData("return_call_indirect.wast")]
    [InlineData("float_exprs.wast")]
    [InlineData("f32.wast")]
    [InlineData("f64.wast")]
    [InlineData("conversions.wast")]
    [InlineData("try_table.wast")]
    [InlineData("throw.wast")]
    [InlineData("linking.wast")]
    [InlineData("start.wast")]
    [InlineData("simd_f32x4_arith.wast")]
    [InlineData("memory64.wast")]
    public void Spec_script_passes_its_baseline_when_every_module_runs_persisted_code(string script)
    {
        var executors = new List<PersistedWastExecutor>();
        var result = new WastRunner(() =>
        {
            var executor = new PersistedWastExecutor();
            executors.Add(executor);
            return executor;
        }).RunFile(Path.Combine(SpecSuite.Folder, script), script);
        int expected = SpecSuite.Baseline().GetValueOrDefault(script);
        Assert.True(
            result.Passed >= expected,
            $"{script}: {result.Passed} passed (baseline {expected}): " + string.Join("; ", result.Failures.Take(5).Select(f => $"line {f.Line}: {f.Message}")));
        Assert.Equal(0, executors.Sum(e => e.NotPersisted));
        Assert.True(executors.Sum(e => e.Persisted) > 0);
    }
}
