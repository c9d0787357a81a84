using Kiln.Binary;
using Kiln.Compiler;

namespace Kiln.Runtime;

/// <summary>
/// A module instance: the objects its code touches, indexed like the module's index spaces (imports first).
/// Generated code receives the instance as its last argument and reads these fields directly.
/// </summary>
internal sealed class Instance(Store store)
{
    public readonly Store Store = store;

    /// <summary>Entry points of the module's defined functions (shared by all instances of the module); 0 until compiled.</summary>
    public nint[] Code = [];

    public FunctionInstance[] Functions = [];
    public TableInstance[] Tables = [];
    public LinearMemory[] Memories = [];
    public GlobalInstance[] Globals = [];
    public TagInstance[] Tags = [];

    /// <summary>Element segments' references; an empty array once dropped.</summary>
    public object?[][] ElementSegments = [];

    /// <summary>Data segments' bytes; empty once dropped.</summary>
    public ReadOnlyMemory<byte>[] DataSegments = [];

    /// <summary>Canonical id of each of the module's type indices.</summary>
    public int[] TypeIds = [];

    public CompiledModule? Module;

    private Dictionary<string, ExternValue>? _exports;

    /// <summary>For the private instance of a host function: its callback and signature.</summary>
    public HostCallback? Host;
    public FuncType? HostType;

    /// <summary>Exports by name; made on first use, as the private instance of every host function has none.</summary>
    public Dictionary<string, ExternValue> Exports => _exports ??= new(StringComparer.Ordinal);

    /// <summary>Instantiates <paramref name="module"/> (validated) in <paramref name="store"/>; see <see cref="Instantiator"/>.</summary>
    public static Instance Instantiate(Store store, WasmModule module, Func<string, string, ExternValue?> imports) =>
        Instantiator.Instantiate(store, module, imports);

    /// <summary>The export <paramref name="name"/>, or throws <see cref="KeyNotFoundException"/>.</summary>
    public ExternValue GetExport(string name) =>
        Exports.TryGetValue(name, out var e) ? e : throw new KeyNotFoundException($"unknown export \"{name}\"");

    /// <summary>Calls the exported function <paramref name="name"/> (on the guest thread) and returns its results.</summary>
    public Value[] Invoke(string name, params Value[] args)
    {
        var e = GetExport(name);
        return e.Target is FunctionInstance f ? Invoker.Invoke(f, args) : throw new InvalidOperationException($"export \"{name}\" is not a function");
    }

    /// <summary>Reads the exported global <paramref name="name"/>.</summary>
    public Value GetGlobal(string name) =>
        GetExport(name).Target is GlobalInstance g ? g.Value : throw new InvalidOperationException($"export \"{name}\" is not a global");
}
