using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// A module whose imports a <see cref="Linker"/> has already resolved (<see cref="Linker.Prepare"/>): link once,
/// then instantiate it in many stores, e.g. one per request. Thread-safe.
/// </summary>
public sealed class InstancePre
{
    private readonly (string Module, string Name)[] _names;
    private readonly LinkerDefinition[] _definitions;

    internal InstancePre(Module module, (string, string)[] names, LinkerDefinition[] definitions)
    {
        Module = module;
        _names = names;
        _definitions = definitions;
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
        var resolved = new Dictionary<(string, string), ExternValue>(_names.Length);
        for (int i = 0; i < _names.Length; i++)
        {
            var (module, name) = _names[i];
            var def = _definitions[i];
            if (def.Host is { } bind)
            {
                resolved[(module, name)] = ExternValue.Of(new FunctionInstance(handle.Inner, def.Type!, bind(caller), $"{module}::{name}"));
            }
            else if (def.Store != handle)
            {
                throw new LinkingException("incompatible import type", module, name, "belongs to another store");
            }
            else
            {
                resolved[(module, name)] = def.Value;
            }
        }

        Instance inner;
        try
        {
            inner = Instance.Instantiate(handle.Inner, Module.Inner, (m, n) => resolved.TryGetValue((m, n), out var v) ? v : null);
        }
        catch (LinkException e)
        {
            throw new LinkingException(e.Reason, e.ImportModule, e.ImportName);
        }
        catch (GuestException e)
        {
            throw new TrapException(TrapKind.HostError, "uncaught wasm exception", e);
        }

        handle.Adopt(inner, Module.Inner.ImportedMemoryCount);
        var instance = new ModuleInstance(inner, Module, handle);
        caller.Instance = instance;
        if (Module.Start is int start)
        {
            new Function(inner.Functions[start], handle).Call([]);
        }

        return instance;
    }
}
