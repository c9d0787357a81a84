namespace Kiln.Http.Tests;

public class EpochTickerTests
{
    [Fact]
    public void TicksFor_covers_the_whole_timeout_even_when_a_tick_comes_at_once()
    {
        var ticker = EpochTicker.For(new Engine());
        Assert.Equal(0UL, ticker.TicksFor(TimeSpan.Zero));
        Assert.Equal(2UL, ticker.TicksFor(EpochTicker.Interval));
        Assert.Equal(3UL, ticker.TicksFor(EpochTicker.Interval * 1.5));
        Assert.Equal(31UL, ticker.TicksFor(EpochTicker.Interval * 30));
    }

    [Fact]
    public async Task Ticker_advances_its_engines_epoch()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var module = Module.FromText(engine, "(module (func (export \"spin\") (loop (br 0))))");
        var spin = new Linker(engine).Instantiate(store, module).GetAction("spin")!;
        store.SetEpochDeadline(EpochTicker.For(engine).TicksFor(TimeSpan.FromMilliseconds(50)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trap = await Assert.ThrowsAsync<TrapException>(() => Task.Run(spin));
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
        Assert.InRange(clock.ElapsedMilliseconds, 40, 5000);
    }
}
