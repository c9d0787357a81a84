using System.CommandLine;
using Kiln.Cli;

namespace Kiln.Tests.Cli;

/// <summary><c>kiln run --fuel/--timeout/--max-memory/--max-stack</c>: each stops its guest like Wasmtime's flags do.</summary>
public sealed class RunLimitFlagsTests : IDisposable
{
    private const string Guest = """
        (module
          (memory 1)
          (func (export "_start") (loop (br 0)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func $rec (export "recurse") (param i32) (result i32) (i32.add (call $rec (local.get 0)) (i32.const 1))))
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-limits-").FullName;
    private readonly string _module;

    public RunLimitFlagsTests()
    {
        _module = Path.Combine(_dir, "guest.wat");
        File.WriteAllText(_module, Guest);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Fuel_stops_a_spinning_guest_with_a_trap_when_it_runs_out()
    {
        var (exit, output, error) = Run(new RunOptions(_module) { Fuel = 100_000 });
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.Equal("", output);
        Assert.StartsWith("Error: all fuel consumed by WebAssembly\nwasm backtrace:\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_interrupts_a_spinning_guest_when_it_expires()
    {
        var run = Task.Run(() => Run(new RunOptions(_module) { Timeout = TimeSpan.FromMilliseconds(200) }));
        var (exit, _, error) = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: interrupt\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Max_memory_makes_memory_grow_fail_when_past_the_cap()
    {
        var options = new RunOptions(_module) { MaxMemory = 4 * 65536, Invoke = "grow" };
        Assert.Equal((0, "1\n", ""), Run(options with { Args = ["3"] }));
        Assert.Equal((0, "-1\n", ""), Run(options with { Args = ["4"] }));
    }

    [Fact]
    public void Max_stack_bounds_recursion_with_a_trap_when_the_guest_recurses_forever()
    {
        var (exit, _, error) = Run(new RunOptions(_module) { MaxStack = 256 << 10, Invoke = "recurse", Args = ["0"] });
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: call stack exhausted\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 5_000_000)]
    [InlineData("2s", 20_000_000)]
    [InlineData("1.5s", 15_000_000)]
    [InlineData("1m", 600_000_000)]
    [InlineData("250us", 2_500)]
    public void Duration_parses_when_it_has_a_unit(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), RunCommand.ParseDuration(text));

    [Theory]
    [InlineData("10")]
    [InlineData("-1s")]
    [InlineData("0ms")]
    [InlineData("2 s")]
    [InlineData("1d")]
    public void Duration_is_refused_when_malformed(string text) =>
        Assert.Throws<FormatException>(() => RunCommand.ParseDuration(text));

    [Theory]
    [InlineData("65536", 65536)]
    [InlineData("64K", 64L << 10)]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("64M", 64L << 20)]
    [InlineData("1GB", 1L << 30)]
    public void Size_parses_when_it_has_an_optional_binary_suffix(string text, long bytes) =>
        Assert.Equal(bytes, RunCommand.ParseSize("--max-memory", text, long.MaxValue));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("12X")]
    [InlineData("3GiB")]
    public void Stack_size_is_refused_when_malformed_or_too_large(string text) =>
        Assert.Throws<FormatException>(() => RunCommand.ParseSize("--max-stack", text, int.MaxValue));

    [Fact]
    public void Command_line_reports_a_bad_flag_value_in_one_line()
    {
        var error = new StringWriter();
        var root = new RootCommand { RunCommand.Create() };
        int exit = root.Parse(["run", "--timeout", "10", _module]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(1, exit);
        Assert.Equal("Error: --timeout 10: expected a positive duration with a unit, e.g. 500ms, 2s, 1m", error.ToString().TrimEnd());
    }

    [Fact]
    public void Command_line_passes_limit_flags_to_the_engine()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { RunCommand.Create() };
        string[] args = ["run", "--fuel", "1000000", "--timeout", "5s", "--max-memory", "256K", "--max-stack", "1M", "--invoke", "grow", _module, "4"];
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal("", error.ToString());
        Assert.Equal(0, exit);
        Assert.Equal("-1", output.ToString().Trim());
    }

    private static (int Exit, string Output, string Error) Run(RunOptions options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = RunCommand.Run(options with { Stdout = new MemoryStream(), Stderr = new MemoryStream(), Stdin = new MemoryStream() }, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }
}
