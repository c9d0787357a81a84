namespace Kiln.Tests.GuestLimits;

/// <summary>Fuel: compiled code charges Wasmtime's instruction costs and traps when the store runs out.</summary>
public sealed class FuelTests
{
    private const string Loops = """
        (module
          (func (export "spin") (loop (br 0)))
          (func (export "count") (param $n i32) (result i32)
            (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $i))
          (func $rec (export "recurse") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
        """;

    private readonly Engine _engine = new(new EngineConfig { ConsumeFuel = true });

    [Fact]
    public void Infinite_loop_traps_out_of_fuel_when_fuel_runs_out()
    {
        using var store = new Store<object?>(_engine, null) { Fuel = 10_000 };
        var instance = new Linker(_engine).Instantiate(store, Module.FromText(_engine, Loops));
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("spin")!());
        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
        Assert.Equal("all fuel consumed by WebAssembly", trap.Reason);
        Assert.Equal(0UL, store.Fuel);
    }

    [Fact]
    public void Loop_charges_every_iteration_when_it_runs()
    {
        using var store = new Store<object?>(_engine, null) { Fuel = 1_000_000 };
        var count = new Linker(_engine).Instantiate(store, Module.FromText(_engine, Loops)).GetFunction<int, int>("count")!;
        Assert.Equal(10, count(10));
        ulong afterTen = 1_000_000 - store.Fuel;
        store.Fuel = 1_000_000;
        Assert.Equal(1000, count(1000));
        ulong afterThousand = 1_000_000 - store.Fuel;

        // Each iteration runs 9 costed instructions (local.get x2, ge_u, br_if, local.get, const, add, set, br).
        Assert.Equal(990UL * 9, afterThousand - afterTen);
    }

    [Fact]
    public void Recursion_is_charged_at_function_entry_when_there_is_no_loop()
    {
        using var store = new Store<object?>(_engine, null) { Fuel = 500 };
        var recurse = new Linker(_engine).Instantiate(store, Module.FromText(_engine, Loops)).GetFunction<int, int>("recurse")!;
        Assert.Equal(0, recurse(10));
        var trap = Assert.Throws<TrapException>(() => recurse(1_000));
        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
    }

    [Fact]
    public void Store_keeps_working_when_fuel_is_added_after_running_out()
    {
        using var store = new Store<object?>(_engine, null) { Fuel = 50 };
        var count = new Linker(_engine).Instantiate(store, Module.FromText(_engine, Loops)).GetFunction<int, int>("count")!;
        Assert.Throws<TrapException>(() => count(100));
        store.AddFuel(100_000);
        Assert.Equal(100, count(100));
        Assert.True(store.Fuel < 100_000);
    }

    [Fact]
    public void Fuel_throws_when_the_engine_does_not_consume_fuel()
    {
        using var store = new Store<object?>(new Engine(), null);
        Assert.Throws<InvalidOperationException>(() => store.Fuel = 5);
        Assert.Throws<InvalidOperationException>(() => store.AddFuel(5));
    }

    [Fact]
    public void Add_fuel_saturates_when_it_would_overflow()
    {
        using var store = new Store<object?>(_engine, null) { Fuel = ulong.MaxValue };
        store.AddFuel(ulong.MaxValue);
        Assert.Equal((ulong)long.MaxValue, store.Fuel);
    }
}
