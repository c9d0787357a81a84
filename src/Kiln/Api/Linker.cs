using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// Resolves a module's imports by name and instantiates it: host functions defined from typed delegates
/// (<see cref="DefineFunction{T1, T2, TResult}(string, string, Func{T1, T2, TResult})"/> and its overloads, with an
/// optional <see cref="Caller"/> first parameter) and the exports of other instances (<see cref="DefineInstance"/>).
/// One linker can instantiate many modules in many stores of its engine.
/// </summary>
/// <remarks>Define everything first, then instantiate; defining is not thread-safe, instantiating from several threads is.</remarks>
public sealed partial class Linker
{
    private readonly Dictionary<(string Module, string Name), LinkerDefinition> _definitions = [];

    /// <summary>Creates an empty linker for <paramref name="engine"/>.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine this linker belongs to.</summary>
    public Engine Engine { get; }

    /// <summary>When true, defining a name again replaces the old definition; when false (the default) it throws.</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>True when <paramref name="module"/>::<paramref name="name"/> is defined.</summary>
    public bool IsDefined(string module, string name) => _definitions.ContainsKey((module, name));

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="moduleName"/>.</summary>
    public Linker DefineInstance(string moduleName, ModuleInstance instance)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, value) in instance.Inner.Exports)
        {
            Add(moduleName, name, new LinkerDefinition(null, null, value, instance.Store));
        }

        return this;
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>: resolves every import from this linker's
    /// definitions, creates memories, tables and globals, runs the active segments and the start function.
    /// </summary>
    /// <exception cref="LinkingException">An import is not defined or has another type.</exception>
    /// <exception cref="TrapException">A segment was out of bounds or the start function trapped.</exception>
    public ModuleInstance Instantiate<T>(Store<T> store, Module module) => Prepare(module).Instantiate(store);

    /// <summary>
    /// Resolves the imports of <paramref name="module"/> now, for instantiating it many times later; definitions made
    /// after this call do not affect the result.
    /// </summary>
    /// <exception cref="LinkingException">An import is not defined.</exception>
    public InstancePre Prepare(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var imports = module.Inner.Imports;
        var definitions = new LinkerDefinition[imports.Count];
        for (int i = 0; i < imports.Count; i++)
        {
            var import = imports[i];
            if (!_definitions.TryGetValue((import.Module, import.Name), out var def))
            {
                throw new LinkingException("unknown import", import.Module, import.Name, "has not been defined");
            }

            definitions[i] = def;
        }

        return new InstancePre(module, definitions);
    }

    private Linker DefineHost(string module, string name, ValType[] parameters, ValType[] results, Func<Caller, HostCallback> bind)
    {
        Add(module, name, new LinkerDefinition(new FuncType(parameters, results), bind, default, null));
        return this;
    }

    private void Add(string module, string name, LinkerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
        {
            throw new ArgumentException($"{module}::{name} is already defined");
        }

        _definitions[(module, name)] = definition;
    }
}
