namespace Kiln.Tests.Api;

/// <summary>Every arity of <see cref="Linker"/>.DefineFunction (with and without <see cref="Caller"/>, action and function) and of
/// <see cref="ModuleInstance"/>.GetFunction/GetAction passes each argument to its own parameter.</summary>
public sealed class ApiArityTests : IDisposable
{
    private readonly Engine _engine = new();

    private readonly Store<int> _store;

    private readonly List<int> _seen = [];

    public ApiArityTests()
    {
        _store = new Store<int>(_engine, 1000);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Functions_of_0_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int>("h", "f0", () => 0);
        linker.DefineFunction("h", "a0", () => _seen.Add(0));
        linker.DefineFunction<int>("h", "cf0", (Caller c) => (int)c.Data!);
        linker.DefineFunction("h", "ca0", (Caller c) => _seen.Add((int)c.Data!));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f0" (func $f (result i32)))
              (import "h" "a0" (func $a))
              (import "h" "cf0" (func $cf (result i32)))
              (import "h" "ca0" (func $ca))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a)
              (call $ca)
              (i32.add (call $f) (i32.mul (call $cf) (i32.const 100000))))
              (func (export "sum") (result i32) (i32.const 0))
              (func (export "keep") (global.set $last (i32.const 0))))
            """));
        Assert.Equal(100000000, instance.GetFunction<int>("host")!());
        Assert.Equal([0, 1000], _seen);
        Assert.Equal(0, instance.GetFunction<int>("sum")!());
        instance.GetAction("keep")!();
        Assert.Equal(0, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_1_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int>("h", "f1", (int a1) => a1 * 1);
        linker.DefineFunction<int>("h", "a1", (int a1) => _seen.Add(a1 * 1));
        linker.DefineFunction<int, int>("h", "cf1", (Caller c, int a1) => (int)c.Data! + a1 * 1);
        linker.DefineFunction<int>("h", "ca1", (Caller c, int a1) => _seen.Add((int)c.Data! + a1 * 1));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f1" (func $f (param i32) (result i32)))
              (import "h" "a1" (func $a (param i32)))
              (import "h" "cf1" (func $cf (param i32) (result i32)))
              (import "h" "ca1" (func $ca (param i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1))
              (call $ca (i32.const 1))
              (i32.add (call $f (i32.const 1)) (i32.mul (call $cf (i32.const 1)) (i32.const 100000))))
              (func (export "sum") (param i32) (result i32) (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))))
              (func (export "keep") (param i32) (global.set $last (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))))))
            """));
        Assert.Equal(100100001, instance.GetFunction<int>("host")!());
        Assert.Equal([1, 1001], _seen);
        Assert.Equal(1, instance.GetFunction<int, int>("sum")!(1));
        instance.GetAction<int>("keep")!(1);
        Assert.Equal(1, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_2_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int>("h", "f2", (int a1, int a2) => a1 * 1 + a2 * 2);
        linker.DefineFunction<int, int>("h", "a2", (int a1, int a2) => _seen.Add(a1 * 1 + a2 * 2));
        linker.DefineFunction<int, int, int>("h", "cf2", (Caller c, int a1, int a2) => (int)c.Data! + a1 * 1 + a2 * 2);
        linker.DefineFunction<int, int>("h", "ca2", (Caller c, int a1, int a2) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f2" (func $f (param i32 i32) (result i32)))
              (import "h" "a2" (func $a (param i32 i32)))
              (import "h" "cf2" (func $cf (param i32 i32) (result i32)))
              (import "h" "ca2" (func $ca (param i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2))
              (call $ca (i32.const 1) (i32.const 2))
              (i32.add (call $f (i32.const 1) (i32.const 2)) (i32.mul (call $cf (i32.const 1) (i32.const 2)) (i32.const 100000))))
              (func (export "sum") (param i32 i32) (result i32) (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))))
              (func (export "keep") (param i32 i32) (global.set $last (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))))))
            """));
        Assert.Equal(100500005, instance.GetFunction<int>("host")!());
        Assert.Equal([5, 1005], _seen);
        Assert.Equal(5, instance.GetFunction<int, int, int>("sum")!(1, 2));
        instance.GetAction<int, int>("keep")!(1, 2);
        Assert.Equal(5, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_3_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int>("h", "f3", (int a1, int a2, int a3) => a1 * 1 + a2 * 2 + a3 * 3);
        linker.DefineFunction<int, int, int>("h", "a3", (int a1, int a2, int a3) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3));
        linker.DefineFunction<int, int, int, int>("h", "cf3", (Caller c, int a1, int a2, int a3) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3);
        linker.DefineFunction<int, int, int>("h", "ca3", (Caller c, int a1, int a2, int a3) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f3" (func $f (param i32 i32 i32) (result i32)))
              (import "h" "a3" (func $a (param i32 i32 i32)))
              (import "h" "cf3" (func $cf (param i32 i32 i32) (result i32)))
              (import "h" "ca3" (func $ca (param i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))))
              (func (export "keep") (param i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))))))
            """));
        Assert.Equal(101400014, instance.GetFunction<int>("host")!());
        Assert.Equal([14, 1014], _seen);
        Assert.Equal(14, instance.GetFunction<int, int, int, int>("sum")!(1, 2, 3));
        instance.GetAction<int, int, int>("keep")!(1, 2, 3);
        Assert.Equal(14, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_4_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int>("h", "f4", (int a1, int a2, int a3, int a4) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4);
        linker.DefineFunction<int, int, int, int>("h", "a4", (int a1, int a2, int a3, int a4) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4));
        linker.DefineFunction<int, int, int, int, int>("h", "cf4", (Caller c, int a1, int a2, int a3, int a4) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4);
        linker.DefineFunction<int, int, int, int>("h", "ca4", (Caller c, int a1, int a2, int a3, int a4) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f4" (func $f (param i32 i32 i32 i32) (result i32)))
              (import "h" "a4" (func $a (param i32 i32 i32 i32)))
              (import "h" "cf4" (func $cf (param i32 i32 i32 i32) (result i32)))
              (import "h" "ca4" (func $ca (param i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))))
              (func (export "keep") (param i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))))))
            """));
        Assert.Equal(103000030, instance.GetFunction<int>("host")!());
        Assert.Equal([30, 1030], _seen);
        Assert.Equal(30, instance.GetFunction<int, int, int, int, int>("sum")!(1, 2, 3, 4));
        instance.GetAction<int, int, int, int>("keep")!(1, 2, 3, 4);
        Assert.Equal(30, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_5_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int, int>("h", "f5", (int a1, int a2, int a3, int a4, int a5) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5);
        linker.DefineFunction<int, int, int, int, int>("h", "a5", (int a1, int a2, int a3, int a4, int a5) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5));
        linker.DefineFunction<int, int, int, int, int, int>("h", "cf5", (Caller c, int a1, int a2, int a3, int a4, int a5) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5);
        linker.DefineFunction<int, int, int, int, int>("h", "ca5", (Caller c, int a1, int a2, int a3, int a4, int a5) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f5" (func $f (param i32 i32 i32 i32 i32) (result i32)))
              (import "h" "a5" (func $a (param i32 i32 i32 i32 i32)))
              (import "h" "cf5" (func $cf (param i32 i32 i32 i32 i32) (result i32)))
              (import "h" "ca5" (func $ca (param i32 i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))))
              (func (export "keep") (param i32 i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))))))
            """));
        Assert.Equal(105500055, instance.GetFunction<int>("host")!());
        Assert.Equal([55, 1055], _seen);
        Assert.Equal(55, instance.GetFunction<int, int, int, int, int, int>("sum")!(1, 2, 3, 4, 5));
        instance.GetAction<int, int, int, int, int>("keep")!(1, 2, 3, 4, 5);
        Assert.Equal(55, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_6_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int, int, int>("h", "f6", (int a1, int a2, int a3, int a4, int a5, int a6) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6);
        linker.DefineFunction<int, int, int, int, int, int>("h", "a6", (int a1, int a2, int a3, int a4, int a5, int a6) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6));
        linker.DefineFunction<int, int, int, int, int, int, int>("h", "cf6", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6);
        linker.DefineFunction<int, int, int, int, int, int>("h", "ca6", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f6" (func $f (param i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "a6" (func $a (param i32 i32 i32 i32 i32 i32)))
              (import "h" "cf6" (func $cf (param i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "ca6" (func $ca (param i32 i32 i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))))
              (func (export "keep") (param i32 i32 i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))))))
            """));
        Assert.Equal(109100091, instance.GetFunction<int>("host")!());
        Assert.Equal([91, 1091], _seen);
        Assert.Equal(91, instance.GetFunction<int, int, int, int, int, int, int>("sum")!(1, 2, 3, 4, 5, 6));
        instance.GetAction<int, int, int, int, int, int>("keep")!(1, 2, 3, 4, 5, 6);
        Assert.Equal(91, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_7_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int, int, int, int>("h", "f7", (int a1, int a2, int a3, int a4, int a5, int a6, int a7) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7);
        linker.DefineFunction<int, int, int, int, int, int, int>("h", "a7", (int a1, int a2, int a3, int a4, int a5, int a6, int a7) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7));
        linker.DefineFunction<int, int, int, int, int, int, int, int>("h", "cf7", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7);
        linker.DefineFunction<int, int, int, int, int, int, int>("h", "ca7", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f7" (func $f (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "a7" (func $a (param i32 i32 i32 i32 i32 i32 i32)))
              (import "h" "cf7" (func $cf (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "ca7" (func $ca (param i32 i32 i32 i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))))
              (func (export "keep") (param i32 i32 i32 i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))))))
            """));
        Assert.Equal(114000140, instance.GetFunction<int>("host")!());
        Assert.Equal([140, 1140], _seen);
        Assert.Equal(140, instance.GetFunction<int, int, int, int, int, int, int, int>("sum")!(1, 2, 3, 4, 5, 6, 7));
        instance.GetAction<int, int, int, int, int, int, int>("keep")!(1, 2, 3, 4, 5, 6, 7);
        Assert.Equal(140, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_8_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int>("h", "f8", (int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8);
        linker.DefineFunction<int, int, int, int, int, int, int, int>("h", "a8", (int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8));
        linker.DefineFunction<int, int, int, int, int, int, int, int, int>("h", "cf8", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8);
        linker.DefineFunction<int, int, int, int, int, int, int, int>("h", "ca8", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f8" (func $f (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "a8" (func $a (param i32 i32 i32 i32 i32 i32 i32 i32)))
              (import "h" "cf8" (func $cf (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "ca8" (func $ca (param i32 i32 i32 i32 i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))) (i32.mul (local.get 7) (i32.const 8))))
              (func (export "keep") (param i32 i32 i32 i32 i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))) (i32.mul (local.get 7) (i32.const 8))))))
            """));
        Assert.Equal(120400204, instance.GetFunction<int>("host")!());
        Assert.Equal([204, 1204], _seen);
        Assert.Equal(204, instance.GetFunction<int, int, int, int, int, int, int, int, int>("sum")!(1, 2, 3, 4, 5, 6, 7, 8));
        instance.GetAction<int, int, int, int, int, int, int, int>("keep")!(1, 2, 3, 4, 5, 6, 7, 8);
        Assert.Equal(204, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_9_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int, int>("h", "f9", (int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int>("h", "a9", (int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9));
        linker.DefineFunction<int, int, int, int, int, int, int, int, int, int>("h", "cf9", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int>("h", "ca9", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f9" (func $f (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "a9" (func $a (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
              (import "h" "cf9" (func $cf (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "ca9" (func $ca (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))) (i32.mul (local.get 7) (i32.const 8))) (i32.mul (local.get 8) (i32.const 9))))
              (func (export "keep") (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))) (i32.mul (local.get 7) (i32.const 8))) (i32.mul (local.get 8) (i32.const 9))))))
            """));
        Assert.Equal(128500285, instance.GetFunction<int>("host")!());
        Assert.Equal([285, 1285], _seen);
        Assert.Equal(285, instance.GetFunction<int, int, int, int, int, int, int, int, int, int>("sum")!(1, 2, 3, 4, 5, 6, 7, 8, 9));
        instance.GetAction<int, int, int, int, int, int, int, int, int>("keep")!(1, 2, 3, 4, 5, 6, 7, 8, 9);
        Assert.Equal(285, instance.GetGlobal("last")!.Value);
    }

    [Fact]
    public void Functions_of_10_parameters_pass_every_argument_when_called_both_ways()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int, int, int>("h", "f10", (int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10) => a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int, int>("h", "a10", (int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10) => _seen.Add(a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10));
        linker.DefineFunction<int, int, int, int, int, int, int, int, int, int, int>("h", "cf10", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10) => (int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10);
        linker.DefineFunction<int, int, int, int, int, int, int, int, int, int>("h", "ca10", (Caller c, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10) => _seen.Add((int)c.Data! + a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "h" "f10" (func $f (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "a10" (func $a (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
              (import "h" "cf10" (func $cf (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "h" "ca10" (func $ca (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
              (global $last (export "last") (mut i32) (i32.const -1))
              (func (export "host") (result i32)
              (call $a (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10))
              (call $ca (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10))
              (i32.add (call $f (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10)) (i32.mul (call $cf (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10)) (i32.const 100000))))
              (func (export "sum") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))) (i32.mul (local.get 7) (i32.const 8))) (i32.mul (local.get 8) (i32.const 9))) (i32.mul (local.get 9) (i32.const 10))))
              (func (export "keep") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (global.set $last (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.add (i32.const 0) (i32.mul (local.get 0) (i32.const 1))) (i32.mul (local.get 1) (i32.const 2))) (i32.mul (local.get 2) (i32.const 3))) (i32.mul (local.get 3) (i32.const 4))) (i32.mul (local.get 4) (i32.const 5))) (i32.mul (local.get 5) (i32.const 6))) (i32.mul (local.get 6) (i32.const 7))) (i32.mul (local.get 7) (i32.const 8))) (i32.mul (local.get 8) (i32.const 9))) (i32.mul (local.get 9) (i32.const 10))))))
            """));
        Assert.Equal(138500385, instance.GetFunction<int>("host")!());
        Assert.Equal([385, 1385], _seen);
        Assert.Equal(385, instance.GetFunction<int, int, int, int, int, int, int, int, int, int, int>("sum")!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        instance.GetAction<int, int, int, int, int, int, int, int, int, int>("keep")!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Assert.Equal(385, instance.GetGlobal("last")!.Value);
    }
}
