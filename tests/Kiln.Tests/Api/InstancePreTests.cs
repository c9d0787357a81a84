using System.Runtime.CompilerServices;

namespace Kiln.Tests.Api;

public sealed class InstancePreTests
{
    private readonly Engine _engine = new();

    [Fact]
    public void Name_imported_twice_resolves_both_imports_with_one_caller_per_instance()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "id", (Caller c) => RuntimeHelpers.GetHashCode(c));
        var pre = linker.Prepare(Module.FromText(_engine, """
            (module
              (import "host" "id" (func $a (result i32)))
              (import "host" "id" (func $b (result i32)))
              (table funcref (elem $a $b))
              (func (export "same") (result i32)
                (i32.eq (call $a) (call $b)))
              (func (export "a") (result i32) (call $a)))
            """));
        using var first = new Store<object?>(_engine, null);
        using var second = new Store<object?>(_engine, null);
        var one = pre.Instantiate(first);
        var two = pre.Instantiate(second);
        Assert.Equal(1, one.GetFunction<int>("same")!());
        Assert.Equal(1, two.GetFunction<int>("same")!());
        // Each instance has its own caller: host state never crosses instances.
        Assert.NotEqual(one.GetFunction<int>("a")!(), two.GetFunction<int>("a")!());
    }

    [Fact]
    public void Instance_export_from_another_store_is_refused_when_instantiating()
    {
        using var owner = new Store<object?>(_engine, null);
        var exporter = new Linker(_engine).Instantiate(owner, Module.FromText(_engine, """(module (global (export "g") i32 (i32.const 1)))"""));
        var linker = new Linker(_engine).DefineInstance("m", exporter);
        var pre = linker.Prepare(Module.FromText(_engine, """(module (import "m" "g" (global i32)))"""));
        using var other = new Store<object?>(_engine, null);
        var e = Assert.Throws<LinkingException>(() => pre.Instantiate(other));
        Assert.Contains("another store", e.Message, StringComparison.Ordinal);
        Assert.NotNull(pre.Instantiate(owner));
    }
}
