namespace Kiln;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals) for one tenant or task, with host state
/// <see cref="Data"/> of type <typeparamref name="T"/> that host functions reach through <see cref="Caller.Data"/>.
/// A store runs one guest call at a time: do not call into its instances from two threads at once. Stores are
/// independent, so different threads may each use their own. A host without state uses <c>Store&lt;object?&gt;</c>.
/// </summary>
/// <remarks>
/// Limits: <see cref="Limits"/> caps memories, tables and instances; <see cref="Fuel"/> bounds the instructions guests
/// run (with <see cref="EngineConfig.ConsumeFuel"/>); <see cref="SetEpochDeadline"/> and <see cref="CancellationToken"/>
/// interrupt a running guest (with <see cref="EngineConfig.EpochInterruption"/>, the default). A guest stopped by a
/// limit traps; the store stays usable for new calls and instances.
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

    /// <summary>
    /// Caps on memories, tables and instances, checked when a memory or table grows and when a module is
    /// instantiated; null (the default) means no limits. Changing it affects later growth and instantiations.
    /// </summary>
    public StoreLimits? Limits
    {
        get => Handle.Inner.Limits;
        set => Handle.Inner.Limits = value;
    }

    /// <summary>
    /// Fuel left for guest code: each Wasm instruction costs one unit, and a guest that runs out traps with
    /// <see cref="TrapKind.OutOfFuel"/> (then this reads 0). Values above <see cref="long.MaxValue"/> are capped there.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine was created without <see cref="EngineConfig.ConsumeFuel"/>.</exception>
    public ulong Fuel
    {
        get
        {
            RequireFuel();
            long left = Volatile.Read(ref Handle.Inner.Fuel);
            return left < 0 ? 0 : (ulong)left;
        }

        set
        {
            RequireFuel();
            Volatile.Write(ref Handle.Inner.Fuel, (long)Math.Min(value, long.MaxValue));
        }
    }

    /// <summary>
    /// The token that interrupts guests of this store: once it is cancelled, running guest code traps with
    /// <see cref="TrapKind.Interrupted"/> at its next function entry or loop header, and so does every later call
    /// until another token is set. A timeout is <c>new CancellationTokenSource(timeout).Token</c>; where guests may fill
    /// the thread pool (a server), prefer <see cref="SetEpochDeadline"/> on an <see cref="EpochTimer"/>, whose clock does
    /// not wait for a pool thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set while the engine has <see cref="EngineConfig.EpochInterruption"/> off.</exception>
    public CancellationToken CancellationToken
    {
        get => Handle.CancellationToken;
        set
        {
            RequireInterruption();
            Handle.CancellationToken = value;
        }
    }

    /// <summary>Adds <paramref name="fuel"/> units to <see cref="Fuel"/> (saturating).</summary>
    /// <exception cref="InvalidOperationException">The engine was created without <see cref="EngineConfig.ConsumeFuel"/>.</exception>
    public void AddFuel(ulong fuel)
    {
        ulong left = Fuel;
        Fuel = fuel > ulong.MaxValue - left ? ulong.MaxValue : left + fuel;
    }

    /// <summary>
    /// Interrupts guests of this store once the engine's epoch has advanced <paramref name="ticksBeyondCurrent"/> times
    /// from now (<see cref="Engine.IncrementEpoch"/>): running code then traps with <see cref="TrapKind.Interrupted"/>
    /// at its next function entry or loop header. With 0, the next check traps. Without a call, there is no deadline.
    /// For a timeout, <see cref="EpochTimer.TicksFor"/> gives the ticks.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine has <see cref="EngineConfig.EpochInterruption"/> off.</exception>
    public void SetEpochDeadline(ulong ticksBeyondCurrent)
    {
        RequireInterruption();
        ulong now = Volatile.Read(ref Engine.Epoch.Value);
        Handle.SetDeadline(ticksBeyondCurrent > ulong.MaxValue - now ? ulong.MaxValue : now + ticksBeyondCurrent);
    }

    /// <summary>Frees the linear memories of every instance in the store.</summary>
    public void Dispose() => Handle.Dispose();

    private void RequireFuel()
    {
        if (!Engine.Config.ConsumeFuel)
        {
            throw new InvalidOperationException("fuel is not enabled: set EngineConfig.ConsumeFuel on the engine");
        }
    }

    private void RequireInterruption()
    {
        if (!Engine.Config.EpochInterruption)
        {
            throw new InvalidOperationException("interruption is not enabled: set EngineConfig.EpochInterruption on the engine");
        }
    }
}
