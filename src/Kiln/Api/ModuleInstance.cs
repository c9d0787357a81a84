using Kiln.Binary;
using Kiln.Compiler;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// An instantiated module (the spec's "module instance"; named so because the runtime's own <c>Instance</c> is
/// internal to the engine): its exports, looked up by name. Typed function lookups
/// (<see cref="GetFunction{T1, T2, TResult}(string)"/>, <see cref="GetAction(string)"/>, ...) give delegates that
/// call the guest directly: nothing allocated or boxed per call, and run on the calling thread when it has the stack
/// for <see cref="EngineConfig.MaxWasmStack"/> (else on a guest thread). Look a delegate up once and keep it. A function
/// with several results is typed with a <see cref="ValueTuple"/> result, e.g. <c>GetFunction&lt;int, long, (long, int)&gt;</c>;
/// host functions may return tuples the same way.
/// </summary>
public sealed partial class ModuleInstance
{
    private readonly Dictionary<string, object> _wrappers = new(StringComparer.Ordinal);

    internal ModuleInstance(Instance inner, Module module, StoreHandle store)
    {
        Inner = inner;
        Module = module;
        Store = store;
    }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    internal StoreHandle Store { get; }

    /// <summary>The instance's exports with their types.</summary>
    public IReadOnlyList<ModuleExport> Exports => Module.Exports;

    internal Instance Inner { get; }

    /// <summary>The exported function <paramref name="name"/>, or null when there is no such function export.</summary>
    public Function? GetFunction(string name) => Wrap(name, ExternKind.Function, t => new Function((FunctionInstance)t, Store)) as Function;

    /// <summary>The exported memory <paramref name="name"/>, or null when there is no such memory export.</summary>
    public Memory? GetMemory(string name) => Wrap(name, ExternKind.Memory, t => new Memory((LinearMemory)t, Store)) as Memory;

    /// <summary>The exported global <paramref name="name"/>, or null when there is no such global export.</summary>
    public GlobalVariable? GetGlobal(string name) => Wrap(name, ExternKind.Global, t => new GlobalVariable((GlobalInstance)t, Store)) as GlobalVariable;

    /// <summary>The exported table <paramref name="name"/>, or null when there is no such table export.</summary>
    public ReferenceTable? GetTable(string name) => Wrap(name, ExternKind.Table, t => new ReferenceTable((TableInstance)t, Store)) as ReferenceTable;

    /// <summary>Calls the exported function <paramref name="name"/> with boxed arguments; see <see cref="Function.Invoke"/>.</summary>
    /// <exception cref="ArgumentException">There is no function export of that name.</exception>
    /// <exception cref="TrapException">The guest trapped.</exception>
    public object? Invoke(string name, params object?[] args) =>
        (GetFunction(name) ?? throw new ArgumentException($"no exported function \"{name}\"", nameof(name))).Invoke(args);

    private object? Wrap(string name, ExternKind kind, Func<object, object> create)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_wrappers)
        {
            if (_wrappers.TryGetValue(name, out var w))
            {
                return w;
            }

            if (!Inner.Exports.TryGetValue(name, out var e) || e.Kind != kind)
            {
                return null;
            }

            w = create(e.Target);
            _wrappers[name] = w;
            return w;
        }
    }

    /// <summary>The typed delegate for the function export <paramref name="name"/>, which must have exactly the signature <paramref name="parameters"/> → <paramref name="results"/>.</summary>
    private TDelegate? Bind<TDelegate>(string name, ValType[] parameters, ValType[] results)
        where TDelegate : Delegate
    {
        var f = Typed(name, parameters, results);
        return f is null ? null : (TDelegate)TypedInvoker.Create(typeof(TDelegate), new TypedExport(f));
    }

    /// <summary>The function export <paramref name="name"/>, checked to have exactly the signature <paramref name="parameters"/> → <paramref name="results"/>.</summary>
    private Function? Typed(string name, ValType[] parameters, ValType[] results)
    {
        var f = GetFunction(name);
        if (f is null)
        {
            return null;
        }

        var type = f.Inner.Type;
        if (!Same(type.Params, parameters) || !Same(type.Results, results))
        {
            throw new InvalidCastException($"export \"{name}\" has type {f.Type}, which does not match the requested delegate");
        }

        return f;
    }

    private static bool Same(ValType[] actual, ValType[] wanted)
    {
        if (actual.Length != wanted.Length)
        {
            return false;
        }

        for (int i = 0; i < actual.Length; i++)
        {
            if (ValueConversion.Kind(actual[i]) != ValueConversion.Kind(wanted[i]))
            {
                return false;
            }
        }

        return true;
    }
}
