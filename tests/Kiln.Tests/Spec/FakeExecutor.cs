using Kiln.Binary;
using Kiln.Text;
using Kiln.Wast;

namespace Kiln.Tests.Spec;

/// <summary>An executor for runner tests: instantiation always succeeds, calls are answered by <see cref="OnInvoke"/>.</summary>
internal sealed class FakeExecutor : IWastExecutor
{
    public List<(WasmModule Module, IReadOnlyList<WastExtern> Imports)> Instantiated { get; } = [];

    public Func<string, WastValue[], WastValue[]> OnInvoke { get; set; } = (_, _) => [];

    public Func<WasmModule, object>? OnInstantiate { get; set; }

    public object Instantiate(WasmModule module, IReadOnlyList<WastExtern> imports)
    {
        Instantiated.Add((module, imports));
        return OnInstantiate?.Invoke(module) ?? new object();
    }

    public WastValue[] Invoke(object instance, string name, WastValue[] args) => OnInvoke(name, args);

    public WastValue Get(object instance, string name) => OnInvoke(name, [])[0];

    public Func<string, ulong?> OnCurrentSize { get; set; } = _ => null;

    public ulong? CurrentSize(object instance, string name) => OnCurrentSize(name);
}
