namespace Kiln.Tests.GuestLimits;

/// <summary>A stack bomb and a failing host function end in traps the host can inspect, and the instance keeps working.</summary>
public sealed class GuestFailureTests
{
    private const string Guest = """
        (module
          (import "host" "fail" (func $fail (param i32)))
          (func $rec (export "recurse") (param i32) (result i32) (i32.add (call $rec (local.get 0)) (i32.const 1)))
          (func (export "host") (call $fail (i32.const 42)))
          (func (export "ok") (result i32) (i32.const 1)))
        """;

    private readonly Engine _engine = new();

    [Fact]
    public void Deep_recursion_traps_call_stack_exhausted_when_the_stack_runs_out()
    {
        using var store = new Store<object?>(_engine, null);
        var instance = Instantiate(store, _ => { });
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("recurse")!(0));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        Assert.Equal("call stack exhausted", trap.Reason);
        Assert.Equal(1, instance.GetFunction<int>("ok")!());
    }

    [Fact]
    public void Host_exception_surfaces_as_trap_carrying_it_when_a_host_function_throws()
    {
        using var store = new Store<object?>(_engine, null);
        var instance = Instantiate(store, n => throw new InvalidOperationException($"host refused {n}"));
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("host")!());
        Assert.Equal(TrapKind.HostError, trap.Kind);
        var inner = Assert.IsType<InvalidOperationException>(trap.InnerException);
        Assert.Equal("host refused 42", inner.Message);
        Assert.Equal(1, instance.GetFunction<int>("ok")!());
    }

    private ModuleInstance Instantiate(Store<object?> store, Action<int> fail)
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "fail", fail);
        return linker.Instantiate(store, Module.FromText(_engine, Guest));
    }
}
