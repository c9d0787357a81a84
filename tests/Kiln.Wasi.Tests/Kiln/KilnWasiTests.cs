extern alias KilnEngine;

using System.Text;
using KilnEngine::Kiln;

namespace Kiln.Wasi.Tests.Kiln;

/// <summary>The WASI binding's own behaviour: one linker for many guests, exit codes, flushing.</summary>
public sealed class KilnWasiTests
{
    private const string Echo = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          ;; prints argv[1] (4 bytes) and exits with 3
          (func (export "_start")
            (drop (call $args_get (i32.const 0) (i32.const 64)))
            (i32.store (i32.const 16) (i32.load (i32.const 4)))
            (i32.store (i32.const 20) (i32.const 4))
            (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
            (call $exit (i32.const 3))))
        """;

    private sealed record Guest(WasiPreview1 Wasi, MemoryStream Stdout);

    [Fact]
    public void Shared_linker_gives_each_store_its_own_wasi_state()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Echo);
        var linker = new Linker(engine).DefineWasi(caller => ((Guest)caller.Data!).Wasi);
        foreach (var word in new[] { "abcd", "wxyz" })
        {
            var stdout = new MemoryStream();
            var options = new WasiOptions { Stdout = stdout, Stdin = new MemoryStream(), Stderr = new MemoryStream() };
            options.Args.Add("echo");
            options.Args.Add(word);
            using var wasi = new WasiPreview1(options);
            using var store = new Store<Guest>(engine, new Guest(wasi, stdout));
            var instance = linker.Instantiate(store, module);
            var trap = Assert.Throws<TrapException>(() => instance.GetAction("_start")!());
            Assert.Equal(3, KilnWasiContext.ExitCodeOf(trap));
            wasi.Flush();
            Assert.Equal(word, Encoding.UTF8.GetString(stdout.ToArray()));
        }
    }

    [Fact]
    public void Run_command_returns_exit_code_and_flushes_output()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        var stdout = new MemoryStream();
        var options = new WasiOptions { Stdout = stdout, Stdin = new MemoryStream(), Stderr = new MemoryStream() };
        options.Args.Add("echo");
        options.Args.Add("1234");
        using var wasi = linker.DefineWasi(options);
        using var store = new Store<object?>(engine, null);
        Assert.Equal(3, wasi.RunCommand(linker.Instantiate(store, Module.FromText(engine, Echo))));
        Assert.Equal("1234", Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
