using System.Runtime.CompilerServices;

namespace Kiln.Http;

/// <summary>
/// Advances an engine's epoch every <see cref="Interval"/>, so that request timeouts are epoch deadlines
/// (<see cref="Store{T}.SetEpochDeadline"/>), as Wasmtime hosts such as Spin run them: a timeout then costs a request
/// one store field, not a timer of its own. One ticker per engine, started on first use; it stops once the engine is
/// collected.
/// </summary>
internal sealed class EpochTicker
{
    /// <summary>How often the epoch advances: the granularity of timeouts.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private static readonly ConditionalWeakTable<Engine, EpochTicker> Tickers = [];

    private readonly Timer _timer;

    private EpochTicker(Engine engine)
    {
        // The timer holds the engine weakly: a server that is gone must not be kept alive by its ticker.
        _timer = new Timer(Tick, new WeakReference<Engine>(engine), Interval, Interval);
    }

    /// <summary>The ticker of <paramref name="engine"/>, started on first use.</summary>
    public static EpochTicker For(Engine engine) => Tickers.GetValue(engine, static e => new EpochTicker(e));

    /// <summary>
    /// Epoch ticks that cover at least <paramref name="timeout"/>: one more than the whole intervals in it, since the
    /// next tick may come at once.
    /// </summary>
    public ulong TicksFor(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero ? 0 : (ulong)Math.Ceiling(timeout / Interval) + 1;

    private void Tick(object? state)
    {
        if (((WeakReference<Engine>)state!).TryGetTarget(out var engine))
        {
            engine.IncrementEpoch();
        }
        else
        {
            _timer.Dispose();
        }
    }
}
