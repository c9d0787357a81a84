namespace Kiln.Tests.GuestLimits;

/// <summary>EngineConfig.MaxWasmStack bounds how deep a guest may recurse.</summary>
public sealed class StackLimitTests
{
    private const string Counter = """
        (module
          (global $depth (mut i32) (i32.const 0))
          (func $rec (export "recurse")
            (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
            (call $rec))
          (func (export "depth") (result i32) (global.get $depth)))
        """;

    [Fact]
    public void Recursion_depth_follows_max_wasm_stack_when_it_is_changed()
    {
        int small = DepthReached(64 << 10);
        int large = DepthReached(1 << 20);
        Assert.True(small * 4 < large, $"64 KiB allowed {small} frames, 1 MiB {large}");
    }

    private static int DepthReached(int maxWasmStack)
    {
        var engine = new Engine(new EngineConfig { MaxWasmStack = maxWasmStack });
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Counter));
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("recurse")!());
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        return instance.GetFunction<int>("depth")!();
    }
}
