using Kiln.Examples.PluginHost;
using Kiln.Tests.Spec;

namespace Kiln.Tests.Api;

/// <summary>The plugin-host example (examples/plugin-host) run over its own plugins, so that it cannot rot.</summary>
public sealed class PluginHostExampleTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly string Plugins = Path.Combine(SpecSuite.RepositoryRoot, "examples", "plugin-host", "plugins");

    private readonly string _scratch = Directory.CreateTempSubdirectory("kiln-plugins-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Example_reports_every_plugin_when_run_over_its_plugins_folder()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // A generous timeout: the first call of each plugin includes compiling it, on a machine busy with other tests.
        int exit = PluginHostApp.Run([Plugins, "hello plugins", "--timeout", "60s"], output, error, () => Noon);
        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("input: \"hello plugins\"", lines[1]);
        Assert.StartsWith("greet.wat    ok       \"Hello, hello plugins!\"", Line(lines, "greet.wat"), StringComparison.Ordinal);
        Assert.StartsWith("hog.wat      trapped  out of bounds memory access", Line(lines, "hog.wat"), StringComparison.Ordinal);
        Assert.StartsWith("spin.wat     stopped  all fuel consumed by WebAssembly (its budget is 10000000 fuel)", Line(lines, "spin.wat"), StringComparison.Ordinal);
        Assert.StartsWith($"stats.wasm   ok       \"2 words, 1 lines, 13 bytes (at {Noon.ToUnixTimeMilliseconds()} ms)\"", Line(lines, "stats.wasm"), StringComparison.Ordinal);
        Assert.StartsWith("upper.wasm   ok       \"HELLO PLUGINS\"", Line(lines, "upper.wasm"), StringComparison.Ordinal);
        Assert.Contains("    log: upper-cased 12 of 13 bytes", lines);
        Assert.Contains("    log: stderr: stats: format text", lines);
        Assert.Contains("    at transform", lines);
    }

    [Fact]
    public void Plugins_run_and_report_their_log_when_called_one_by_one()
    {
        var host = new PluginHost(Options());
        var results = host.Load(Plugins).Where(p => p.Name is "greet.wat" or "upper.wasm").Select(p => host.Run(p, "grüße")).ToList();
        Assert.All(results, r => Assert.Equal(PluginOutcome.Ok, r.Outcome));
        Assert.Equal("Hi, grüße!", results[0].Output);
        Assert.Empty(results[0].Log);
        Assert.Equal("GRüßE", results[1].Output);
        Assert.Equal(["upper-cased 3 of 7 bytes"], results[1].Log);
        Assert.All(results, r => Assert.True(r.FuelUsed > 0, $"{r.Plugin} used no fuel"));
    }

    [Fact]
    public void Plugin_reads_host_config_and_clock_when_it_imports_them()
    {
        var host = new PluginHost(Options(new Dictionary<string, string> { ["stats.format"] = "json" }));
        var result = host.Run(host.LoadFile(Path.Combine(Plugins, "stats.wasm")), "one two\nthree\n");
        Assert.Equal(PluginOutcome.Ok, result.Outcome);
        Assert.Equal($"{{\"words\":3,\"lines\":2,\"bytes\":14,\"at\":{Noon.ToUnixTimeMilliseconds()}}}", result.Output);
        Assert.Equal(["stderr: stats: format json"], result.Log);
    }

    [Fact]
    public void Looping_plugin_is_stopped_by_its_fuel_and_the_host_keeps_serving()
    {
        var host = new PluginHost(Options(fuel: 1_000_000));
        var spin = host.LoadFile(Path.Combine(Plugins, "spin.wat"));
        var greet = host.LoadFile(Path.Combine(Plugins, "greet.wat"));
        for (int i = 0; i < 20; i++)
        {
            var stopped = host.Run(spin, "x");
            Assert.Equal(PluginOutcome.Stopped, stopped.Outcome);
            Assert.Equal("all fuel consumed by WebAssembly (its budget is 1000000 fuel)", stopped.Output);
            Assert.Equal(["transform"], stopped.Backtrace);
            Assert.Equal("Hi, again!", host.Run(greet, "again").Output);
        }
    }

    [Fact]
    public void Looping_plugin_is_stopped_by_its_timeout_when_fuel_is_off()
    {
        var host = new PluginHost(Options(fuel: 0, timeout: TimeSpan.FromMilliseconds(200)));
        var result = host.Run(host.LoadFile(Path.Combine(Plugins, "spin.wat")), "x");
        Assert.Equal(PluginOutcome.Stopped, result.Outcome);
        Assert.Equal("interrupt (its timeout is 200 ms)", result.Output);
        Assert.Equal(0UL, result.FuelUsed);
        Assert.InRange(result.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Memory_bomb_gets_no_memory_beyond_the_store_limit()
    {
        var host = new PluginHost(Options(maxMemory: 1 << 20));
        var result = host.Run(host.LoadFile(Path.Combine(Plugins, "hog.wat")), "x");
        Assert.Equal(PluginOutcome.Trapped, result.Outcome);
        Assert.Equal("out of bounds memory access", result.Output);

        // hog grows a page at a time until refused: 15 grows succeed under a 1 MiB limit, then it traps.
        Assert.InRange(result.FuelUsed, 15UL, 1_000UL);
    }

    [Fact]
    public void Plugin_that_breaks_the_abi_or_cannot_load_is_reported_and_not_run()
    {
        Write("a-no-transform.wat", """(module (memory (export "memory") 1) (func (export "alloc") (param i32) (result i32) (i32.const 0)))""");
        Write("b-bad-result.wat", """
            (module (memory (export "memory") 1)
              (func (export "alloc") (param i32) (result i32) (i32.const 0))
              (func (export "transform") (param i32 i32) (result i64) (i64.const 0x0000fff000000100)))
            """);
        Write("c-wrong-type.wat", """
            (module (memory (export "memory") 1)
              (func (export "alloc") (param i32) (result i32) (i32.const 0))
              (func (export "transform") (param i32 i32) (result i32) (i32.const 0)))
            """);
        Write("d-unknown-import.wat", """(module (import "host" "launch_missiles" (func)))""");
        File.WriteAllBytes(Path.Combine(_scratch, "e-garbage.wasm"), [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1]);
        Write("f-bad-log.wat", """
            (module (import "host" "log" (func $log (param i32 i32))) (memory (export "memory") 1)
              (func (export "alloc") (param i32) (result i32) (i32.const 0))
              (func (export "transform") (param i32 i32) (result i64) (call $log (i32.const 65530) (i32.const 100)) (i64.const 0)))
            """);
        Write("notes.txt", "not a plugin");
        var results = new PluginHost(Options()).RunAll(_scratch, "input");
        Assert.Equal(["a-no-transform.wat", "b-bad-result.wat", "c-wrong-type.wat", "d-unknown-import.wat", "e-garbage.wasm", "f-bad-log.wat"], results.Select(r => r.Plugin));
        Assert.Equal((PluginOutcome.Broken, "exports no function \"transform\""), (results[0].Outcome, results[0].Output));
        Assert.Equal((PluginOutcome.Broken, "transform returned 256 bytes at 65520, outside its memory"), (results[1].Outcome, results[1].Output));
        Assert.Equal(PluginOutcome.Broken, results[2].Outcome);
        Assert.Contains("(func (param i32 i32) (result i32))", results[2].Output, StringComparison.Ordinal);
        Assert.Equal((PluginOutcome.Rejected, "unknown import: host::launch_missiles has not been defined"), (results[3].Outcome, results[3].Output));
        Assert.Equal(PluginOutcome.Rejected, results[4].Outcome);
        Assert.Equal(PluginOutcome.Trapped, results[5].Outcome);
        Assert.StartsWith("host function failed: 100 bytes at 65530 are outside the memory", results[5].Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugin_that_misbehaves_while_instantiated_is_stopped_or_refused()
    {
        Write("a-spinning-start.wat", """(module (memory (export "memory") 1) (func $spin (loop $l (br $l))) (start $spin))""");
        Write("b-huge-memory.wat", """(module (memory (export "memory") 1024))""");
        var results = new PluginHost(Options(fuel: 100_000, maxMemory: 1 << 20)).RunAll(_scratch, "x");
        Assert.Equal((PluginOutcome.Stopped, "all fuel consumed by WebAssembly (its budget is 100000 fuel)"), (results[0].Outcome, results[0].Output));
        Assert.Equal(PluginOutcome.Rejected, results[1].Outcome);
        Assert.Equal("memory minimum size of 1024 pages exceeds memory limits", results[1].Output);
    }

    [Fact]
    public void Chatty_plugin_cannot_fill_the_host_memory_with_its_output()
    {
        // 1,000 log lines and 1,000 writes of 1 KiB to WASI stdout: the host keeps 20 lines and 16 KiB.
        Write("chatty.wat", """
            (module
              (import "host" "log" (func $log (param i32 i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "\00\01\00\00\00\04\00\00")
              (func (export "alloc") (param i32) (result i32) (i32.const 4096))
              (func (export "transform") (param i32 i32) (result i64)
                (local $i i32)
                (memory.fill (i32.const 256) (i32.const 0x78) (i32.const 1024))
                (loop $more
                  (call $log (i32.const 256) (i32.const 10))
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
                  (br_if $more (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
                (i64.const 0)))
            """);
        var host = new PluginHost(Options());
        var result = host.Run(host.LoadFile(Path.Combine(_scratch, "chatty.wat")), "x");
        Assert.Equal((PluginOutcome.Ok, ""), (result.Outcome, result.Output));
        Assert.Equal(22, result.Log.Count);
        Assert.Equal("xxxxxxxxxx", result.Log[0]);
        Assert.Equal("(981 more lines dropped)", result.Log[20]);
        Assert.Equal($"({(1000 * 1024) - PluginState.OutputCapacity} more bytes of stdout dropped)", result.Log[21]);
    }

    [Fact]
    public void Example_refuses_bad_arguments_with_usage()
    {
        var error = new StringWriter();
        Assert.Equal(2, PluginHostApp.Run(["--fuel", "lots"], TextWriter.Null, error, () => Noon));
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, PluginHostApp.Run([Path.Combine(_scratch, "missing")], TextWriter.Null, TextWriter.Null, () => Noon));
        Assert.Equal(TimeSpan.FromMilliseconds(500), PluginHostApp.ParseDuration("500ms"));
        Assert.Equal(TimeSpan.FromSeconds(2), PluginHostApp.ParseDuration("2s"));
        Assert.Equal(16L << 20, PluginHostApp.ParseSize("16MiB"));
        Assert.Equal(512L << 10, PluginHostApp.ParseSize("512K"));
        Assert.Throws<FormatException>(() => PluginHostApp.ParseSize("-3"));
    }

    private static string Line(List<string> lines, string plugin) => lines.Single(l => l.StartsWith(plugin + " ", StringComparison.Ordinal));

    private static PluginHostOptions Options(
        IReadOnlyDictionary<string, string>? config = null, ulong fuel = 10_000_000, TimeSpan? timeout = null, long maxMemory = 16 << 20) => new()
    {
        Fuel = fuel,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        MaxMemoryBytes = maxMemory,
        Config = config ?? new Dictionary<string, string> { ["greet.greeting"] = "Hi" },
        Clock = () => Noon,
    };

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_scratch, name), text);
}
