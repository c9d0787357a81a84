using BenchmarkDotNet.Attributes;

namespace Kiln.Bench.Micro;

/// <summary>
/// One <c>call_indirect</c> (table lookup, signature check, indirect call): a guest loop makes
/// <see cref="MicroModules.LoopCalls"/> of them per invocation, so the figure is per call, loop overhead included.
/// </summary>
public class CallIndirectBenchmarks : InstancePairBenchmarks
{
    private Func<int, int> _kilnRun = null!;
    private Func<int, int> _wasmtimeRun = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (kiln, wasmtime) = Instantiate("call-indirect", MicroModules.CallIndirect);
        _kilnRun = kiln.GetFunction<int, int>("run")!;
        _wasmtimeRun = wasmtime.GetFunction<int, int>("run")!;
    }

    [Benchmark(OperationsPerInvoke = MicroModules.LoopCalls)]
    public int Kiln() => _kilnRun(MicroModules.LoopCalls);

    [Benchmark(Baseline = true, OperationsPerInvoke = MicroModules.LoopCalls)]
    public int Wasmtime() => _wasmtimeRun(MicroModules.LoopCalls);
}
