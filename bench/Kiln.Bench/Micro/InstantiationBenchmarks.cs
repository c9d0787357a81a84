using BenchmarkDotNet.Attributes;
using W = Wasmtime;

namespace Kiln.Bench.Micro;

/// <summary>
/// Instantiating a small module in a new store and disposing it, as a host serving one instance per request does:
/// Kiln through <see cref="InstancePre"/> (imports linked once), Wasmtime through its linker.
/// </summary>
public class InstantiationBenchmarks : IDisposable
{
    private Engine _kilnEngine = null!;
    private InstancePre _kilnPre = null!;
    private W.Engine _wasmtimeEngine = null!;
    private W.Module _wasmtimeModule = null!;
    private W.Linker _wasmtimeLinker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _kilnEngine = new Engine();
        var linker = new Linker(_kilnEngine);
        linker.DefineFunction("host", "log", (int ptr, int len) => { });
        _kilnPre = linker.Prepare(Module.FromText(_kilnEngine, MicroModules.Small));

        _wasmtimeEngine = new W.Engine();
        _wasmtimeModule = W.Module.FromText(_wasmtimeEngine, "small", MicroModules.Small);
        _wasmtimeLinker = new W.Linker(_wasmtimeEngine);
        _wasmtimeLinker.DefineFunction("host", "log", (int ptr, int len) => { });
    }

    [Benchmark]
    public int Kiln()
    {
        using var store = new Store<object?>(_kilnEngine, null);
        return _kilnPre.Instantiate(store).Exports.Count;
    }

    [Benchmark(Baseline = true)]
    public int Wasmtime()
    {
        using var store = new W.Store(_wasmtimeEngine);
        return _wasmtimeLinker.Instantiate(store, _wasmtimeModule) is null ? 0 : 1;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _wasmtimeLinker.Dispose();
        _wasmtimeModule.Dispose();
        _wasmtimeEngine.Dispose();
        GC.SuppressFinalize(this);
    }
}
