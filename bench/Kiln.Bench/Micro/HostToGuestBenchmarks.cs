using BenchmarkDotNet.Attributes;
using W = Wasmtime;

namespace Kiln.Bench.Micro;

/// <summary>One typed host → guest call of <c>(i32, i32) -> i32</c> through the delegate each engine's typed lookup gives.</summary>
public class HostToGuestBenchmarks : IDisposable
{
    private Store<object?> _kilnStore = null!;
    private Func<int, int, int> _kilnAdd = null!;
    private W.Engine _wasmtimeEngine = null!;
    private W.Store _wasmtimeStore = null!;
    private Func<int, int, int> _wasmtimeAdd = null!;
    private int _x;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        _kilnStore = new Store<object?>(engine, null);
        _kilnAdd = new Linker(engine).Instantiate(_kilnStore, Module.FromText(engine, MicroModules.Add)).GetFunction<int, int, int>("add")!;

        _wasmtimeEngine = new W.Engine();
        _wasmtimeStore = new W.Store(_wasmtimeEngine);
        using var module = W.Module.FromText(_wasmtimeEngine, "add", MicroModules.Add);
        _wasmtimeAdd = new W.Linker(_wasmtimeEngine).Instantiate(_wasmtimeStore, module).GetFunction<int, int, int>("add")!;
    }

    [Benchmark]
    public int Kiln() => _x = _kilnAdd(_x, 1);

    [Benchmark(Baseline = true)]
    public int Wasmtime() => _x = _wasmtimeAdd(_x, 1);

    [GlobalCleanup]
    public void Dispose()
    {
        _kilnStore.Dispose();
        _wasmtimeStore.Dispose();
        _wasmtimeEngine.Dispose();
        GC.SuppressFinalize(this);
    }
}
