using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Kiln.Tests.GuestLimits;

/// <summary>The epoch timer: deadlines as timeouts, on a clock of its own that stops when told or when its engine goes.</summary>
public sealed class EpochTimerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void TicksFor_covers_the_whole_timeout_even_when_a_tick_comes_at_once()
    {
        using var timer = new EpochTimer(new Engine(), Interval);
        Assert.Equal(Interval, timer.Interval);
        Assert.Equal(0UL, timer.TicksFor(TimeSpan.Zero));
        Assert.Equal(0UL, timer.TicksFor(TimeSpan.FromSeconds(-1)));
        Assert.Equal(2UL, timer.TicksFor(Interval));
        Assert.Equal(3UL, timer.TicksFor(Interval * 1.5));
        Assert.Equal(31UL, timer.TicksFor(Interval * 30));
    }

    [Fact]
    public void Interval_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochTimer(new Engine(), TimeSpan.Zero));
        Assert.Throws<ArgumentNullException>(() => new EpochTimer(null!, Interval));
    }

    [Fact]
    public async Task Spinning_guest_traps_interrupted_once_the_timeout_has_passed()
    {
        var engine = new Engine();
        using var timer = new EpochTimer(engine, Interval);
        using var store = new Store<object?>(engine, null);
        var spin = new Linker(engine).Instantiate(store, Module.FromText(engine, "(module (func (export \"spin\") (loop (br 0))))")).GetAction("spin")!;
        store.SetEpochDeadline(timer.TicksFor(TimeSpan.FromMilliseconds(50)));
        var clock = Stopwatch.StartNew();
        var trap = await Assert.ThrowsAsync<TrapException>(() => Task.Run(spin).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
        Assert.True(clock.ElapsedMilliseconds >= 40, $"interrupted after {clock.ElapsedMilliseconds} ms, before its 50 ms");
    }

    [Fact]
    public async Task Disposed_timer_stops_advancing_the_epoch()
    {
        var engine = new Engine();
        var timer = new EpochTimer(engine, Interval);
        await WaitUntilAsync(() => Volatile.Read(ref engine.Epoch.Value) >= 2);
        timer.Dispose();
        await Task.Delay(Interval * 2);
        var stopped = Volatile.Read(ref engine.Epoch.Value);
        await Task.Delay(Interval * 10);
        Assert.Equal(stopped, Volatile.Read(ref engine.Epoch.Value));
    }

    [Fact]
    public void Timer_does_not_keep_its_engine_alive()
    {
        var (engine, timer) = StartOnUnreferencedEngine();
        using (timer)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(engine.TryGetTarget(out _));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<Engine>, EpochTimer) StartOnUnreferencedEngine()
    {
        var engine = new Engine();
        return (new WeakReference<Engine>(engine), new EpochTimer(engine, Interval));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "condition not met within 20 s");
            await Task.Delay(5);
        }
    }
}
