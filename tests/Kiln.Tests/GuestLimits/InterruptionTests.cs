namespace Kiln.Tests.GuestLimits;

/// <summary>Epoch deadlines and cancellation stop a guest that is spinning in pure Wasm.</summary>
public sealed class InterruptionTests
{
    private const string Spinner = """
        (module
          (func (export "spin") (loop (br 0)))
          (func $f (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1)))
                             (call $f (i32.sub (local.get 0) (i32.const 2)))))))
          (func (export "ok") (result i32) (i32.const 7)))
        """;

    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Spinning_guest_traps_interrupted_when_the_epoch_passes_its_deadline()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Spinner));
        store.SetEpochDeadline(1);
        using var ticker = new Timer(_ => engine.IncrementEpoch(), null, 50, 50);
        var trap = await Assert.ThrowsAsync<TrapException>(() => Task.Run(() => instance.GetAction("spin")!()).WaitAsync(TestTimeout));
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
        Assert.Equal("interrupt", trap.Reason);

        store.SetEpochDeadline(1_000_000);
        Assert.Equal(7, instance.GetFunction<int>("ok")!());
    }

    [Fact]
    public void Deadline_of_zero_traps_at_the_next_check()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Spinner));
        store.SetEpochDeadline(0);
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int>("ok")!());
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
    }

    [Fact]
    public async Task Spinning_guest_traps_interrupted_when_cancelled_from_another_thread()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Spinner));
        using var cts = new CancellationTokenSource();
        store.CancellationToken = cts.Token;
        var running = Task.Run(() => instance.GetAction("spin")!());
        await Task.Delay(100);
        Assert.False(running.IsCompleted);
        await cts.CancelAsync();
        var trap = await Assert.ThrowsAsync<TrapException>(() => running.WaitAsync(TestTimeout));
        Assert.Equal(TrapKind.Interrupted, trap.Kind);

        // Still cancelled: calls keep trapping until the host sets another token.
        Assert.Throws<TrapException>(() => instance.GetFunction<int>("ok")!());
        store.CancellationToken = CancellationToken.None;
        Assert.Equal(7, instance.GetFunction<int>("ok")!());
    }

    [Fact]
    public async Task Recursive_guest_without_loops_traps_when_its_timeout_expires()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Spinner));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        store.CancellationToken = cts.Token;
        var trap = await Assert.ThrowsAsync<TrapException>(() => Task.Run(() => instance.GetFunction<int, int>("fib")!(60)).WaitAsync(TestTimeout));
        Assert.Equal(TrapKind.Interrupted, trap.Kind);
    }

    [Fact]
    public void Store_is_collectible_when_a_long_lived_token_still_holds_its_registration()
    {
        using var cts = new CancellationTokenSource();
        var handle = RegisterAndDrop(cts.Token);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(handle.IsAlive);
        cts.Cancel();
    }

    [Fact]
    public void Interruption_throws_when_the_engine_has_it_off()
    {
        using var store = new Store<object?>(new Engine(new EngineConfig { EpochInterruption = false }), null);
        Assert.Throws<InvalidOperationException>(() => store.SetEpochDeadline(1));
        Assert.Throws<InvalidOperationException>(() => store.CancellationToken = CancellationToken.None);
    }

    [Fact]
    public void Max_wasm_stack_rejects_values_when_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineConfig { MaxWasmStack = 0 });
        Assert.Equal(4 << 20, new EngineConfig().MaxWasmStack);
        Assert.Equal(2 << 20, new Engine(new EngineConfig { MaxWasmStack = 2 << 20 }).Config.MaxWasmStack);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RegisterAndDrop(CancellationToken token)
    {
        var store = new Store<object?>(new Engine(), null) { CancellationToken = token };
        return new WeakReference(store.Handle);
    }
}
