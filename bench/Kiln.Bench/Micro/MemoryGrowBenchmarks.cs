using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using W = Wasmtime;

namespace Kiln.Bench.Micro;

/// <summary>
/// One <c>memory.grow</c> by a page, called from the host: each iteration starts from a fresh one-page instance and
/// grows it <see cref="Grows"/> times (memory cannot shrink, so the instance is replaced between iterations).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, invocationCount: Grows)]
public class MemoryGrowBenchmarks : IDisposable
{
    private const int Grows = 1000;

    private Engine _kilnEngine = null!;
    private Module _kilnModule = null!;
    private Store<object?>? _kilnStore;
    private Func<int> _kilnGrow = null!;
    private W.Engine _wasmtimeEngine = null!;
    private W.Module _wasmtimeModule = null!;
    private W.Store? _wasmtimeStore;
    private Func<int> _wasmtimeGrow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _kilnEngine = new Engine();
        _kilnModule = Module.FromText(_kilnEngine, MicroModules.Grow);
        _wasmtimeEngine = new W.Engine();
        _wasmtimeModule = W.Module.FromText(_wasmtimeEngine, "grow", MicroModules.Grow);
    }

    [IterationSetup(Target = nameof(Kiln))]
    public void FreshKiln()
    {
        _kilnStore?.Dispose();
        _kilnStore = new Store<object?>(_kilnEngine, null);
        _kilnGrow = new Linker(_kilnEngine).Instantiate(_kilnStore, _kilnModule).GetFunction<int>("grow")!;
    }

    [IterationSetup(Target = nameof(Wasmtime))]
    public void FreshWasmtime()
    {
        _wasmtimeStore?.Dispose();
        _wasmtimeStore = new W.Store(_wasmtimeEngine);
        _wasmtimeGrow = new W.Linker(_wasmtimeEngine).Instantiate(_wasmtimeStore, _wasmtimeModule).GetFunction<int>("grow")!;
    }

    [Benchmark]
    public int Kiln() => _kilnGrow();

    [Benchmark(Baseline = true)]
    public int Wasmtime() => _wasmtimeGrow();

    [GlobalCleanup]
    public void Dispose()
    {
        _kilnStore?.Dispose();
        _wasmtimeStore?.Dispose();
        _wasmtimeModule.Dispose();
        _wasmtimeEngine.Dispose();
        GC.SuppressFinalize(this);
    }
}
