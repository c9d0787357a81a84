using System.Text;
using Kiln.Compiler;

namespace Kiln.Tests.Api;

public sealed class ModuleCompileTests
{
    /// <summary>A module of many functions, each calling the previous one, so results show every function ran its own code.</summary>
    private static string Chain(int count)
    {
        var text = new StringBuilder("(module\n  (func $f0 (export \"f0\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))\n");
        for (int i = 1; i < count; i++)
        {
            text.Append($"  (func $f{i} (export \"f{i}\") (param i32) (result i32) (i32.add (call $f{i - 1} (local.get 0)) (i32.const {i + 1})))\n");
        }

        return text.Append(')').ToString();
    }

    [Fact]
    public void Compile_compiles_every_function_before_any_call()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Chain(64));

        module.Compile();

        Assert.All(CompiledModule.For(module.Inner).Code, code => Assert.NotEqual(0, code));
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, module);
        Assert.Equal(64 * 65 / 2 + 10, instance.GetFunction<int, int>("f63")!(10));
    }

    [Fact]
    public async Task Compile_racing_first_calls_gives_one_consistent_result()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Chain(200));
        using var store = new Store<object?>(engine, null);
        var instance = new Linker(engine).Instantiate(store, module);
        var last = instance.GetFunction<int, int>("f199")!;

        var compile = Task.Run(module.Compile);
        int result = last(0);
        await compile;

        Assert.Equal(200 * 201 / 2, result);
        Assert.Equal(200 * 201 / 2, last(0));
    }

    [Fact]
    public void Compile_honours_the_engine_fuel_setting()
    {
        var engine = new Engine(new EngineConfig { ConsumeFuel = true });
        var module = Module.FromText(engine, "(module (func (export \"spin\") (loop (br 0))))");
        module.Compile();
        using var store = new Store<object?>(engine, null) { Fuel = 1_000 };
        var spin = new Linker(engine).Instantiate(store, module).GetAction("spin")!;

        var trap = Assert.Throws<TrapException>(spin);

        Assert.Equal(TrapKind.OutOfFuel, trap.Kind);
    }
}
