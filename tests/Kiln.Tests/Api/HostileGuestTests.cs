namespace Kiln.Tests.Api;

/// <summary>Misbehaving guests end in traps, the host survives, and dropping their stores gives native memory back.</summary>
public sealed class HostileGuestTests
{
    private const string Hostile = """
        (module
          (import "host" "fail" (func $fail))
          (memory (export "memory") 1)
          (func $recurse (export "recurse") (call $recurse))
          (func (export "unreachable") (unreachable))
          (func (export "oob") (drop (i32.load (i32.const 65536))))
          (func (export "host") (call $fail))
          (func (export "grow") (result i32) (memory.grow (i32.const 70000)))
          (func (export "ok") (result i32) (i32.const 1)))
        """;

    private const int Rounds = 300;

    private readonly Engine _engine = new();

    [Fact]
    public void Guest_traps_and_host_recovers_when_guests_misbehave_in_a_loop()
    {
        var module = Module.FromText(_engine, Hostile);
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "fail", () => throw new InvalidOperationException("host says no"));
        string[] attacks = ["unreachable", "oob", "host"];
        long baseline = VirtualMemoryKiB();
        for (int i = 0; i < Rounds; i++)
        {
            using var store = new Store<object?>(_engine, null);
            var instance = linker.Instantiate(store, module);
            string attack = attacks[i % attacks.Length];
            var trap = Assert.Throws<TrapException>(() => instance.GetAction(attack)!());
            Assert.Equal(attack switch { "unreachable" => TrapKind.Unreachable, "oob" => TrapKind.MemoryOutOfBounds, _ => TrapKind.HostError }, trap.Kind);
            Assert.Equal(1, instance.GetFunction<int>("ok")!());
        }

        // Each memory reserves 4 GiB of address space; disposed stores must have returned it. Other tests running
        // at the same time hold memories too, so only a leak of half the reservations is told apart from them.
        long grownKiB = VirtualMemoryKiB() - baseline;
        Assert.True(grownKiB < Rounds * (2L << 20), $"address space grew by {grownKiB} KiB over {Rounds} instances");
    }

    [Fact]
    public void Stack_bomb_traps_and_store_stays_usable()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "fail", () => { });
        using var store = new Store<object?>(_engine, null);
        var instance = linker.Instantiate(store, Module.FromText(_engine, Hostile));
        for (int i = 0; i < 3; i++)
        {
            var trap = Assert.Throws<TrapException>(() => instance.GetAction("recurse")!());
            Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
            Assert.Equal("call stack exhausted", trap.Reason);
        }

        Assert.Equal(1, instance.GetFunction<int>("ok")!());
    }

    [Fact]
    public void Memory_bomb_fails_grow_without_trapping()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "fail", () => { });
        using var store = new Store<object?>(_engine, null);
        var instance = linker.Instantiate(store, Module.FromText(_engine, Hostile));
        Assert.Equal(-1, instance.GetFunction<int>("grow")!());
        Assert.Equal(65536, instance.GetMemory("memory")!.Length);
    }

    private static long VirtualMemoryKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmSize:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(7).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
