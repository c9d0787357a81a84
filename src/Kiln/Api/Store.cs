namespace Kiln;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals) for one tenant or task, with host state
/// <see cref="Data"/> of type <typeparamref name="T"/> that host functions reach through <see cref="Caller.Data"/>.
/// A store runs one guest call at a time: do not call into its instances from two threads at once. Stores are
/// independent, so different threads may each use their own. A host without state uses <c>Store&lt;object?&gt;</c>.
/// </summary>
/// <remarks>
/// Disposing the store frees its instances' linear memories at once (otherwise the finalizer does); afterwards any
/// call into them throws <see cref="ObjectDisposedException"/>. Dispose only when no call is running and no span
/// over its memory is still in use.
/// </remarks>
/// <typeparam name="T">The host state kept with the store.</typeparam>
public sealed class Store<T> : IDisposable
{
    /// <summary>Creates an empty store for modules of <paramref name="engine"/>, holding <paramref name="data"/>.</summary>
    public Store(Engine engine, T data)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Handle = new StoreHandle(engine, data);
    }

    /// <summary>The engine this store belongs to.</summary>
    public Engine Engine => Handle.Engine;

    /// <summary>The host state of this store.</summary>
    public T Data
    {
        get => (T)Handle.Data!;
        set => Handle.Data = value;
    }

    internal StoreHandle Handle { get; }

    /// <summary>Frees the linear memories of every instance in the store.</summary>
    public void Dispose() => Handle.Dispose();
}
