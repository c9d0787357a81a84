namespace Kiln;

/// <summary>
/// Given to a host function as its first parameter when it asks for one: the instance whose code called it, to reach
/// that instance's exported memory, functions and globals, and the store's host <see cref="Data"/>.
/// </summary>
/// <remarks>
/// The caller is the instance that imported the host function; its exports are reachable from the start function on.
/// </remarks>
public sealed class Caller
{
    private (string Name, Memory Memory)? _lastMemory;

    internal Caller(StoreHandle store)
    {
        Store = store;
    }

    /// <summary>The host state of the calling instance's store (<see cref="Store{T}.Data"/>).</summary>
    public object? Data => Store.Data;

    internal StoreHandle Store { get; }

    /// <summary>The calling instance (null only while its imports are being resolved, before any guest code runs).</summary>
    public ModuleInstance? Instance { get; internal set; }

    /// <summary>The calling instance's exported memory <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name)
    {
        // Host functions ask for the same memory on every call (WASI: "memory"); keep the last answer.
        var last = _lastMemory;
        if (last is not null && ReferenceEquals(last.Value.Name, name))
        {
            return last.Value.Memory;
        }

        var memory = Instance?.GetMemory(name);
        if (memory is not null)
        {
            _lastMemory = (name, memory);
        }

        return memory;
    }

    /// <summary>The calling instance's exported function <paramref name="name"/>, or null.</summary>
    public Function? GetFunction(string name) => Instance?.GetFunction(name);

    /// <summary>The calling instance's exported global <paramref name="name"/>, or null.</summary>
    public GlobalVariable? GetGlobal(string name) => Instance?.GetGlobal(name);
}
