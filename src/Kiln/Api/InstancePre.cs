using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// A module whose imports a <see cref="Linker"/> has already resolved (<see cref="Linker.Prepare"/>): link once,
/// then instantiate it in many stores, e.g. one per request. Thread-safe.
/// </summary>
/// <remarks>
/// Everything that does not depend on the store is worked out once, here: which definition each import takes, the
/// host functions' names and types. Instantiating then only creates the instance's own objects, as Wasmtime's
/// <c>InstancePre</c> does.
/// </remarks>
public sealed class InstancePre
{
    private readonly ImportPlan[] _imports;

    /// <summary>Prepares <paramref name="module"/> with <paramref name="definitions"/>, the definition of each of its imports in order.</summary>
    internal InstancePre(Module module, LinkerDefinition[] definitions)
    {
        Module = module;
        var imports = module.Inner.Imports;
        _imports = new ImportPlan[imports.Count];
        var firstUse = new Dictionary<(string, string), int>(imports.Count);
        for (int i = 0; i < imports.Count; i++)
        {
            var key = (imports[i].Module, imports[i].Name);
            // A name imported twice is one definition: both imports get the same host function instance.
            _imports[i] = firstUse.TryGetValue(key, out int first)
                ? _imports[first] with { SameAs = first }
                : new ImportPlan(definitions[i], $"{key.Item1}::{key.Item2}", -1);
            firstUse.TryAdd(key, i);
        }
    }

    /// <summary>The module to instantiate.</summary>
    public Module Module { get; }

    /// <summary>Instantiates the module in <paramref name="store"/>, as <see cref="Linker.Instantiate{T}"/> does.</summary>
    /// <exception cref="LinkingException">An import has another type than its definition, or comes from another store.</exception>
    /// <exception cref="TrapException">A segment was out of bounds or the start function trapped.</exception>
    public ModuleInstance Instantiate<T>(Store<T> store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var handle = store.Handle;
        handle.ThrowIfDisposed();
        var caller = new Caller(handle);
        var resolved = new ExternValue[_imports.Length];
        for (int i = 0; i < _imports.Length; i++)
        {
            var (def, name, sameAs) = _imports[i];
            if (sameAs >= 0)
            {
                resolved[i] = resolved[sameAs];
            }
            else if (def.Host is { } bind)
            {
                resolved[i] = ExternValue.Of(new FunctionInstance(handle.Inner, def.Type!, bind(caller), name));
            }
            else if (def.Store != handle)
            {
                var import = Module.Inner.Imports[i];
                throw new LinkingException("incompatible import type", import.Module, import.Name, "belongs to another store");
            }
            else
            {
                resolved[i] = def.Value;
            }
        }

        Instance inner;
        try
        {
            inner = Instantiator.Instantiate(handle.Inner, Module.Inner, resolved);
        }
        catch (LinkException e)
        {
            throw new LinkingException(e.Reason, e.ImportModule, e.ImportName);
        }
        catch (GuestException e)
        {
            throw new TrapException(TrapKind.HostError, "uncaught wasm exception", e);
        }

        handle.Adopt(inner, inner.Memories.Length - Module.Inner.Memories.Count);
        var instance = new ModuleInstance(inner, Module, handle);
        caller.Instance = instance;
        if (Module.Start is int start)
        {
            new Function(inner.Functions[start], handle).Call([]);
        }

        return instance;
    }

    /// <summary>What import <c>i</c> takes: its definition, its display name, and the earlier import of the same name it shares (or -1).</summary>
    private readonly record struct ImportPlan(LinkerDefinition Definition, string Name, int SameAs);
}
