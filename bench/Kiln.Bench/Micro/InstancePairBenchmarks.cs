using BenchmarkDotNet.Attributes;
using W = Wasmtime;

namespace Kiln.Bench.Micro;

/// <summary>
/// One instance of the same module on Kiln and on Wasmtime, each in a store of its own that lives for the whole
/// benchmark: the set-up of the classes that time calls into a long-lived instance.
/// </summary>
public abstract class InstancePairBenchmarks : IDisposable
{
    private Store<object?>? _kilnStore;
    private W.Engine? _wasmtimeEngine;
    private W.Store? _wasmtimeStore;

    /// <summary>Instantiates <paramref name="wat"/> on both engines; <paramref name="defineHost"/> adds the same host function to each linker.</summary>
    protected (ModuleInstance Kiln, W.Instance Wasmtime) Instantiate(string name, string wat, (string Module, string Name, Func<int, int, int> Body)? defineHost = null)
    {
        var engine = new Engine();
        _kilnStore = new Store<object?>(engine, null);
        var linker = new Linker(engine);
        _wasmtimeEngine = new W.Engine();
        _wasmtimeStore = new W.Store(_wasmtimeEngine);
        var wasmtimeLinker = new W.Linker(_wasmtimeEngine);
        if (defineHost is var (module, function, body))
        {
            linker.DefineFunction(module, function, body);
            wasmtimeLinker.DefineFunction(module, function, body);
        }

        using var wasmtimeModule = W.Module.FromText(_wasmtimeEngine, name, wat);
        return (linker.Instantiate(_kilnStore, Module.FromText(engine, wat)), wasmtimeLinker.Instantiate(_wasmtimeStore, wasmtimeModule));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _kilnStore?.Dispose();
        _wasmtimeStore?.Dispose();
        _wasmtimeEngine?.Dispose();
        GC.SuppressFinalize(this);
    }
}
