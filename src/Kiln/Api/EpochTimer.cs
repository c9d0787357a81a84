using System.Runtime.CompilerServices;

namespace Kiln;

/// <summary>
/// Advances an engine's epoch (<see cref="Engine.IncrementEpoch"/>) every <see cref="Interval"/>, so that epoch
/// deadlines (<see cref="Store{T}.SetEpochDeadline"/>) serve as timeouts: the clock a Wasmtime host runs on a thread of
/// its own. It ticks on a dedicated background thread, not a <see cref="Timer"/>: a timer's callback waits for a
/// thread-pool thread, and guests looping on pool threads are what starves the pool, so the deadlines meant to stop
/// them would come seconds late. The timer holds its engine weakly; its thread ends when the timer is disposed or the
/// engine collected.
/// </summary>
public sealed class EpochTimer : IDisposable
{
    private readonly WeakReference<Engine> _engine;
    // Never disposed: the timer's thread may still be waiting on it when Dispose returns.
    private readonly ManualResetEventSlim _stopped = new();

    /// <summary>Starts advancing <paramref name="engine"/>'s epoch every <paramref name="interval"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not positive.</exception>
    public EpochTimer(Engine engine, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        _engine = new WeakReference<Engine>(engine);
        // The loop needs next to no stack; a small one keeps a timer per engine cheap.
        new Thread(Run, maxStackSize: 64 << 10) { IsBackground = true, Name = "Kiln epoch timer" }.Start();
    }

    /// <summary>How often the epoch advances: the granularity of timeouts.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// The epoch deadline (<see cref="Store{T}.SetEpochDeadline"/>) that lets a guest run at least
    /// <paramref name="timeout"/>: one tick more than the intervals in it, since the next tick may come at once.
    /// Zero for a timeout of zero or less.
    /// </summary>
    public ulong TicksFor(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero ? 0 : (ulong)Math.Ceiling(timeout / Interval) + 1;

    /// <summary>Stops the clock; the engine's epoch stays where it is.</summary>
    public void Dispose() => _stopped.Set();

    private void Run()
    {
        while (!_stopped.Wait(Interval) && Tick())
        {
        }
    }

    // Not inlined: the engine reference taken here must die with this frame, not sit in Run's frame while it waits.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Tick()
    {
        if (!_engine.TryGetTarget(out var engine))
        {
            return false;
        }

        engine.IncrementEpoch();
        return true;
    }
}
