namespace Kiln.Tests.GuestLimits;

/// <summary>StoreLimits: growth past a limit fails without allocating; instantiation past one creates nothing.</summary>
public sealed class StoreLimitsTests
{
    private const string Bombs = """
        (module
          (memory (export "memory") 1)
          (table (export "table") 1 funcref)
          (func (export "memory_bomb") (result i32)
            (local $pages i32)
            (block $full
              (loop $grow
                (br_if $full (i32.eq (memory.grow (i32.const 16)) (i32.const -1)))
                (local.set $pages (i32.add (local.get $pages) (i32.const 16)))
                (br $grow)))
            (local.get $pages))
          (func (export "table_bomb") (result i32)
            (local $n i32)
            (block $full
              (loop $grow
                (br_if $full (i32.eq (table.grow (ref.null func) (i32.const 1000)) (i32.const -1)))
                (local.set $n (i32.add (local.get $n) (i32.const 1000)))
                (br $grow)))
            (local.get $n)))
        """;

    private readonly Engine _engine = new();

    [Fact]
    public void Memory_grow_returns_minus_one_without_committing_when_past_the_limit()
    {
        using var store = new Store<object?>(_engine, null) { Limits = new StoreLimits { MemoryBytes = 4 << 20 } };
        var instance = new Linker(_engine).Instantiate(store, Module.FromText(_engine, Bombs));

        // From 1 page, 16 pages at a time: 3 grows fit in 64 pages (4 MiB), the 4th would pass it.
        Assert.Equal(48, instance.GetFunction<int>("memory_bomb")!());
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(49L * 65536, memory.Length);
        Assert.Equal(-1, memory.Grow(16));
        Assert.Equal(49, memory.Grow(15));
        Assert.Equal(-1, memory.Grow(1));
    }

    [Fact]
    public void Memory_bomb_stops_at_the_declared_maximum_when_there_is_no_limit()
    {
        var engine = new Engine();
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Bombs.Replace("(memory (export \"memory\") 1)", "(memory (export \"memory\") 1 200)", StringComparison.Ordinal)));
        Assert.Equal(192, instance.GetFunction<int>("memory_bomb")!());
    }

    [Fact]
    public void Table_grow_returns_minus_one_when_past_the_limit()
    {
        using var store = new Store<object?>(_engine, null) { Limits = new StoreLimits { TableElements = 5_000 } };
        var instance = new Linker(_engine).Instantiate(store, Module.FromText(_engine, Bombs));
        Assert.Equal(4_000, instance.GetFunction<int>("table_bomb")!());
        Assert.Equal(4_001, instance.GetTable("table")!.Size);
    }

    [Fact]
    public void Instantiation_fails_when_the_instance_count_limit_is_reached()
    {
        using var store = new Store<object?>(_engine, null) { Limits = new StoreLimits { Instances = 2 } };
        var module = Module.FromText(_engine, "(module (func (export \"f\")))");
        var linker = new Linker(_engine);
        linker.Instantiate(store, module);
        linker.Instantiate(store, module);
        var e = Assert.Throws<ResourceLimitException>(() => linker.Instantiate(store, module));
        Assert.Equal("resource limit exceeded: instance count too high at 3", e.Message);
        Assert.Equal("resource limit exceeded", e.Reason);
    }

    [Fact]
    public void Instantiation_fails_when_memory_and_table_counts_are_reached()
    {
        using var store = new Store<object?>(_engine, null) { Limits = new StoreLimits { Memories = 1, Tables = 1 } };
        var linker = new Linker(_engine);
        linker.Instantiate(store, Module.FromText(_engine, "(module (memory 1) (table 1 funcref))"));
        var memory = Assert.Throws<ResourceLimitException>(() => linker.Instantiate(store, Module.FromText(_engine, "(module (memory 1))")));
        Assert.Equal("resource limit exceeded: memory count too high at 2", memory.Message);
        var table = Assert.Throws<ResourceLimitException>(() => linker.Instantiate(store, Module.FromText(_engine, "(module (table 1 funcref))")));
        Assert.Equal("resource limit exceeded: table count too high at 2", table.Message);
        linker.Instantiate(store, Module.FromText(_engine, "(module (func))"));
    }

    [Fact]
    public void Instantiation_fails_when_initial_sizes_exceed_the_limits()
    {
        using var store = new Store<object?>(_engine, null) { Limits = new StoreLimits { MemoryBytes = 65536, TableElements = 10 } };
        var linker = new Linker(_engine);
        var memory = Assert.Throws<ResourceLimitException>(() => linker.Instantiate(store, Module.FromText(_engine, "(module (memory 2))")));
        Assert.Equal("memory minimum size of 2 pages exceeds memory limits", memory.Message);
        var table = Assert.Throws<ResourceLimitException>(() => linker.Instantiate(store, Module.FromText(_engine, "(module (table 11 funcref))")));
        Assert.Equal("table minimum size of 11 elements exceeds table limits", table.Message);
        linker.Instantiate(store, Module.FromText(_engine, "(module (memory 1) (table 10 funcref))"));
    }
}
