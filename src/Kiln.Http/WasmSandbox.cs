using System.Runtime.CompilerServices;

namespace Kiln.Http;

/// <summary>Maps <see cref="HandlerLimits"/> onto the engine's limits: an engine (two when some routes meter fuel) per server, one store per request.</summary>
internal static class WasmSandbox
{
    /// <summary>How often a server's epoch advances: the granularity of request timeouts.</summary>
    private static readonly TimeSpan TimeoutGranularity = TimeSpan.FromMilliseconds(10);

    private static readonly ConditionalWeakTable<HandlerLimits, StoreLimits> MemoryLimits = [];

    // One epoch timer per engine, started on first use; it holds the engine weakly and stops once the engine is gone.
    private static readonly ConditionalWeakTable<Engine, EpochTimer> EpochTimers = [];

    /// <summary>An engine for handlers with a fuel limit (<paramref name="consumeFuel"/>) or without: metering slows every guest of an engine, so the others run on one that does not meter.</summary>
    public static Engine CreateEngine(bool consumeFuel) => new(new EngineConfig { ConsumeFuel = consumeFuel });

    /// <summary>
    /// Puts <paramref name="limits"/> on a request's store. A timeout is an epoch deadline on the engine's
    /// <see cref="EpochTimer"/>, as Wasmtime hosts such as Spin run them: one clock per server, where a timer per
    /// request cost a timer-queue insert and removal and a cancellation registration each time.
    /// </summary>
    public static void Apply<T>(Store<T> store, HandlerLimits limits)
    {
        if (limits.MaxMemoryBytes is not null)
        {
            // Immutable, so one per handler's limits serves every request.
            store.Limits = MemoryLimits.GetValue(limits, static l => new StoreLimits { MemoryBytes = l.MaxMemoryBytes });
        }

        if (store.Engine.Config.ConsumeFuel)
        {
            // A handler without a limit loaded on a metering engine (by an embedder) runs unmetered in effect.
            store.Fuel = limits.Fuel ?? ulong.MaxValue;
        }

        if (limits.Timeout is { } timeout)
        {
            store.SetEpochDeadline(EpochTimers.GetValue(store.Engine, static e => new EpochTimer(e, TimeoutGranularity)).TicksFor(timeout));
        }
    }
}
