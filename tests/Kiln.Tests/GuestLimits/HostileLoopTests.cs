namespace Kiln.Tests.GuestLimits;

/// <summary>
/// A thousand misbehaving guests in a row, each compiled afresh: every one is stopped by its limit, the host and the
/// store survive, a healthy instance works after each, and memory (managed, native, compiled code) returns to its baseline.
/// </summary>
[Collection(nameof(ProcessMemoryCollection))]
public sealed class HostileLoopTests
{
    private const string Guest = """
        (module
          (import "host" "fail" (func $fail))
          (memory (export "memory") 1)
          (func (export "spin") (loop (br 0)))
          (func $rec (export "recurse") (param i32) (result i32) (i32.add (call $rec (local.get 0)) (i32.const 1)))
          (func (export "bomb") (result i32)
            (local $old i32) (local $at i32)
            (block $full
              (loop $grow
                (local.set $old (memory.grow (i32.const 16)))
                (br_if $full (i32.eq (local.get $old) (i32.const -1)))
                ;; Touch each new Wasm page, so the memory is really used.
                (local.set $at (i32.mul (local.get $old) (i32.const 65536)))
                (loop $touch
                  (i32.store8 (local.get $at) (i32.const 1))
                  (local.set $at (i32.add (local.get $at) (i32.const 65536)))
                  (br_if $touch (i32.lt_u (local.get $at) (i32.mul (memory.size) (i32.const 65536)))))
                (br $grow)))
            (memory.size))
          (func (export "trap") (unreachable))
          (func (export "host") (call $fail))
          (func (export "ok") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
        """;

    private const int Rounds = 1_000;

    private static readonly string[] Attacks = ["spin", "spin epoch", "spin timeout", "bomb", "trap", "host"];
    private const long MemoryLimit = 8 << 20;

    // A 1 MiB stack budget: a stack bomb unwinds a quarter of the default's frames, keeping 1,000 rounds quick.
    private readonly Engine _engine = new(new EngineConfig { ConsumeFuel = true, MaxWasmStack = 1 << 20 });

    [Fact]
    public void Host_survives_and_memory_returns_to_baseline_when_a_thousand_guests_misbehave()
    {
        using var ticker = new Timer(_ => _engine.IncrementEpoch(), null, 1, 1);
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "fail", () => throw new InvalidOperationException("host says no"));

        // Warm up (JIT of the engine itself, thread pool, guest threads) before the baseline is taken.
        for (int i = 0; i < 12; i++)
        {
            Misbehave(linker, i);
        }

        var (managed, committed) = Baseline();
        var modules = new List<WeakReference>();
        for (int i = 0; i < Rounds; i++)
        {
            modules.Add(Misbehave(linker, i));
        }

        var (managedAfter, committedAfter) = Baseline();

        // Every module (and with it its compiled code) must be collectible once its instances are gone.
        int alive = modules.Count(m => m.IsAlive);
        Assert.True(alive <= 2, $"{alive} of {Rounds} modules are still alive");

        // A leaked bomb keeps 7 MiB committed (about 1 GiB over the run), a leaked module some 100 KiB of heap. No other
        // test runs meanwhile (ProcessMemoryCollection); the margins allow for the runtime's own caches.
        Assert.True(managedAfter - managed < 64 << 20, $"managed heap grew from {managed} to {managedAfter} bytes");
        Assert.True(committedAfter - committed < 256 << 20, $"linear memory committed grew from {committed} to {committedAfter} bytes");
    }

    /// <summary>One hostile guest, compiled afresh; returns a weak reference to its module.</summary>
    private WeakReference Misbehave(Linker linker, int round)
    {
        var module = Module.FromText(_engine, Guest);
        using (var store = new Store<object?>(_engine, null) { Fuel = 1_000_000, Limits = new StoreLimits { MemoryBytes = MemoryLimit } })
        {
            var instance = linker.Instantiate(store, module);
            // Stack bombs are the slowest attack (.NET unwinds guest frames one by one), so they come every 20th round.
            string attack = round % 20 == 19 ? "recurse" : Attacks[round % Attacks.Length];
            using var timeout = new CancellationTokenSource();
            if (attack == "spin epoch")
            {
                store.SetEpochDeadline(2);
                store.Fuel = ulong.MaxValue;
            }
            else if (attack == "spin timeout")
            {
                store.CancellationToken = timeout.Token;
                store.Fuel = ulong.MaxValue;
                timeout.CancelAfter(2);
            }

            if (attack == "bomb")
            {
                // 1 page, then 16 at a time while the total stays within 128 pages (8 MiB).
                Assert.Equal(113, instance.GetFunction<int>("bomb")!());
            }
            else
            {
                var trap = Assert.Throws<TrapException>(() => Call(instance, attack));
                Assert.Equal(Expected(attack), trap.Kind);
                if (attack == "host")
                {
                    Assert.IsType<InvalidOperationException>(trap.InnerException);
                }
            }

            // The same store stays usable once the limit is lifted.
            store.SetEpochDeadline(ulong.MaxValue);
            store.CancellationToken = CancellationToken.None;
            store.Fuel = 1_000;
            Assert.Equal(round + 1, instance.GetFunction<int, int, int>("ok")!(round, 1));
        }

        // Not disposed: the healthy store's memory must be freed by collection alone.
        var healthy = new Store<object?>(_engine, null) { Fuel = 1_000 };
        Assert.Equal(round + 2, linker.Instantiate(healthy, module).GetFunction<int, int, int>("ok")!(round, 2));

        return new WeakReference(module);
    }

    private static void Call(ModuleInstance instance, string attack)
    {
        if (attack == "recurse")
        {
            instance.GetFunction<int, int>("recurse")!(0);
        }
        else
        {
            instance.GetAction(attack.Split(' ')[0])!();
        }
    }

    private static TrapKind Expected(string attack) => attack switch
    {
        "spin" => TrapKind.OutOfFuel,
        "spin epoch" or "spin timeout" => TrapKind.Interrupted,
        "recurse" => TrapKind.CallStackExhausted,
        "trap" => TrapKind.Unreachable,
        _ => TrapKind.HostError,
    };

    private static (long Managed, long Committed) Baseline()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return (GC.GetTotalMemory(forceFullCollection: true), Kiln.Runtime.LinearMemory.TotalCommitted);
    }
}
