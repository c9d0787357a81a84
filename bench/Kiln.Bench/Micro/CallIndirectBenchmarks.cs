using BenchmarkDotNet.Attributes;
using W = Wasmtime;

namespace Kiln.Bench.Micro;

/// <summary>
/// One <c>call_indirect</c> (table lookup, signature check, indirect call): a guest loop makes
/// <see cref="MicroModules.LoopCalls"/> of them per invocation, so the figure is per call, loop overhead included.
/// </summary>
public class CallIndirectBenchmarks : IDisposable
{
    private Store<object?> _kilnStore = null!;
    private Func<int, int> _kilnRun = null!;
    private W.Engine _wasmtimeEngine = null!;
    private W.Store _wasmtimeStore = null!;
    private Func<int, int> _wasmtimeRun = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        _kilnStore = new Store<object?>(engine, null);
        var linker = new Linker(engine);
        _kilnRun = linker.Instantiate(_kilnStore, Module.FromText(engine, MicroModules.CallIndirect)).GetFunction<int, int>("run")!;

        _wasmtimeEngine = new W.Engine();
        _wasmtimeStore = new W.Store(_wasmtimeEngine);
        var wasmtimeLinker = new W.Linker(_wasmtimeEngine);
        using var module = W.Module.FromText(_wasmtimeEngine, "call-indirect", MicroModules.CallIndirect);
        _wasmtimeRun = wasmtimeLinker.Instantiate(_wasmtimeStore, module).GetFunction<int, int>("run")!;
    }

    [Benchmark(OperationsPerInvoke = MicroModules.LoopCalls)]
    public int Kiln() => _kilnRun(MicroModules.LoopCalls);

    [Benchmark(Baseline = true, OperationsPerInvoke = MicroModules.LoopCalls)]
    public int Wasmtime() => _wasmtimeRun(MicroModules.LoopCalls);

    [GlobalCleanup]
    public void Dispose()
    {
        _kilnStore.Dispose();
        _wasmtimeStore.Dispose();
        _wasmtimeEngine.Dispose();
        GC.SuppressFinalize(this);
    }
}
