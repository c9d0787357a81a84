using BenchmarkDotNet.Attributes;

namespace Kiln.Bench.Micro;

/// <summary>
/// One guest → host call of a typed <c>Func&lt;int, int, int&gt;</c>: a guest loop makes <see cref="MicroModules.LoopCalls"/>
/// of them per invocation, so the figure is per call (loop overhead included, host → guest entry amortised).
/// </summary>
public class GuestToHostBenchmarks : InstancePairBenchmarks
{
    private Func<int, int> _kilnRun = null!;
    private Func<int, int> _wasmtimeRun = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (kiln, wasmtime) = Instantiate("call-host", MicroModules.CallHost, ("host", "add", (a, b) => a + b));
        _kilnRun = kiln.GetFunction<int, int>("run")!;
        _wasmtimeRun = wasmtime.GetFunction<int, int>("run")!;
    }

    [Benchmark(OperationsPerInvoke = MicroModules.LoopCalls)]
    public int Kiln() => _kilnRun(MicroModules.LoopCalls);

    [Benchmark(Baseline = true, OperationsPerInvoke = MicroModules.LoopCalls)]
    public int Wasmtime() => _wasmtimeRun(MicroModules.LoopCalls);
}
