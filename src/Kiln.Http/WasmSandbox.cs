using System.Runtime.CompilerServices;

namespace Kiln.Http;

/// <summary>Maps <see cref="HandlerLimits"/> onto the engine's limits: one engine per server, one store per request.</summary>
internal static class WasmSandbox
{
    private static readonly ConditionalWeakTable<HandlerLimits, StoreLimits> MemoryLimits = [];

    /// <summary>An engine for <paramref name="handlers"/>: fuel metering only when one of them has a fuel limit, since it slows every guest.</summary>
    public static Engine CreateEngine(IEnumerable<HandlerSpec> handlers) =>
        new(new EngineConfig { ConsumeFuel = handlers.Any(h => h.Limits.Fuel is not null) });

    /// <summary>
    /// Puts <paramref name="limits"/> on a request's store. A timeout is an epoch deadline on the engine's
    /// <see cref="EpochTicker"/>: one shared timer, where a timer per request cost a timer-queue insert and removal
    /// and a cancellation registration each time.
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
            // The engine meters every store once any handler has a fuel limit; the others run unmetered in effect.
            store.Fuel = limits.Fuel ?? ulong.MaxValue;
        }

        if (limits.Timeout is { } timeout)
        {
            store.SetEpochDeadline(EpochTicker.For(store.Engine).TicksFor(timeout));
        }
    }
}
