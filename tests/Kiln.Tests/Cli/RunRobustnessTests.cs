using System.Diagnostics;
using Kiln.Cli;
using Kiln.Tests.Binary;
using Kiln.Tests.Spec;

namespace Kiln.Tests.Cli;

/// <summary>
/// <c>kiln run</c> never crashes the host process: every broken or hostile module ends in a clean <c>Error: ...</c>
/// message and a non-zero exit status, never an unhandled exception or an "internal error" (an engine bug that the
/// last-resort handler in <see cref="RunCommand"/> turned into a message).
/// </summary>
public sealed class RunRobustnessTests : IDisposable
{
    /// <summary>Mutations per module and kind: enough to reach every section of the small fixtures, few enough to stay fast.</summary>
    private const int MutationsPerModule = 40;

    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-robust-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(SpecSuite.RepositoryRoot, "tests", "fixtures", "wasi"), "*.wasm").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(SpecSuite.RepositoryRoot, path));
        }
        data.Add(Path.Combine("examples", "hello", "hello.wasm"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Run_ends_cleanly_when_the_module_is_truncated(string module)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(SpecSuite.RepositoryRoot, module));
        var random = new Random(module.Length * 7919 + 1);
        for (int i = 0; i < MutationsPerModule; i++)
        {
            int length = random.Next(bytes.Length);
            var (exit, error) = RunBytes(bytes.AsSpan(0, length).ToArray());
            AssertCleanEnd(exit, error, $"{module} cut at {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Run_ends_cleanly_when_bytes_of_the_module_are_flipped(string module)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(SpecSuite.RepositoryRoot, module));
        var random = new Random(module.Length * 104729 + 1);
        for (int i = 0; i < MutationsPerModule; i++)
        {
            byte[] bytes = (byte[])original.Clone();
            // Past the 8-byte header: a broken magic number or version is a single, already well-tested path.
            int flips = 1 + random.Next(4);
            var where = new List<int>();
            for (int f = 0; f < flips; f++)
            {
                int at = 8 + random.Next(bytes.Length - 8);
                bytes[at] ^= (byte)(1 << random.Next(8));
                where.Add(at);
            }
            var (exit, error) = RunBytes(bytes);
            AssertCleanEnd(exit, error, $"{module} flipped at {string.Join(",", where)}");
        }
    }

    [Fact]
    public void Run_says_a_component_is_one()
    {
        var (exit, error) = RunBytes([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
        AssertCleanFailure(exit, error, "component");
        Assert.Contains("unknown binary version: a WebAssembly component, and Kiln does not support the component model yet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_names_the_import_when_an_import_is_unknown()
    {
        var (exit, error) = RunWat("""(module (import "env" "missing_function" (func)) (func (export "_start")))""");
        AssertCleanFailure(exit, error, "unknown import");
        Assert.Contains("env", error, StringComparison.Ordinal);
        Assert.Contains("missing_function", error, StringComparison.Ordinal);
        Assert.Single(Lines(error));
    }

    [Fact]
    public void Run_reports_a_trap_when_the_start_function_traps()
    {
        var (exit, error) = RunWat("(module (func $s unreachable) (start $s) (func (export \"_start\")))");
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: unreachable", error, StringComparison.Ordinal);
        AssertCleanFailure(exit, error, "trapping start");
    }

    [Fact]
    public void Run_reports_stack_exhaustion_when_the_guest_recurses_without_end()
    {
        var (exit, error) = RunWat("(module (func $f (export \"_start\") (call $f)))");
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: call stack exhausted", error, StringComparison.Ordinal);
        AssertCleanFailure(exit, error, "deep recursion");
    }

    [Fact]
    public void Run_reports_stack_exhaustion_when_recursion_has_many_locals_and_arguments()
    {
        var (exit, error) = RunWat("""
            (module
              (func $f (param i64 i64 i64 i64 i64 i64 i64 i64) (local v128 v128 v128 v128 v128 v128 v128 v128)
                (call $f (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6) (local.get 7)))
              (func (export "_start") (call $f (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8))))
            """);
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: call stack exhausted", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(memory 65536)")]
    [InlineData("(memory i64 281474976710656)")]
    [InlineData("(memory 1) (data (i32.const 65535) \"ab\")")]
    [InlineData("(table 4294967295 funcref)")]
    public void Run_ends_cleanly_when_the_module_asks_for_too_much(string fields)
    {
        var (exit, error) = RunWat($"(module {fields} (func (export \"_start\")))");
        // A host may grant a huge declaration (Wasmtime reserves 4 GiB of address space); then _start just returns.
        if (exit != 0)
        {
            AssertCleanFailure(exit, error, fields);
        }
    }

    [Fact]
    public void Run_reports_line_and_column_when_the_text_module_has_a_syntax_error()
    {
        var (exit, error) = RunWat("(module\n  (func (export \"_start\")\n    (i32.add (i32.const 1)))\n  (func $broken (param i32 i32 (result i32)))");
        AssertCleanFailure(exit, error, "wat syntax");
        Assert.Single(Lines(error));
        Assert.Matches(@"\d+:\d+", error);
    }

    [Fact]
    public void Run_ends_cleanly_when_the_file_is_not_a_module()
    {
        string path = Path.Combine(_dir, "notes.wasm");
        File.WriteAllText(path, "just some text, not a module");
        var (exit, error) = RunFile(path);
        AssertCleanFailure(exit, error, "text file as .wasm");
        Assert.Single(Lines(error));
    }

    [Fact]
    public void Run_ends_cleanly_when_the_module_file_is_missing()
    {
        var (exit, error) = KilnCliRun(["run", Path.Combine(_dir, "absent.wasm")]);
        AssertCleanFailure(exit, error, "missing file");
    }

    [Fact]
    public void Run_reports_a_parse_error_when_the_text_module_nests_too_deep()
    {
        const int Depth = 200_000;
        var (exit, error) = RunWat("(module (func (export \"_start\") " + string.Concat(Enumerable.Repeat("(block ", Depth)) + new string(')', Depth) + "))");
        AssertCleanFailure(exit, error, "deeply nested text");
        Assert.Contains("nesting too deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_runs_a_binary_module_whose_blocks_nest_deeply()
    {
        const int Depth = 100_000;
        // (func (export "_start") block block ... end end): what a text parser may refuse, the binary decoder,
        // validator and compiler must handle without recursing per level.
        byte[] body = [0x00, .. Enumerable.Repeat<byte[]>([0x02, 0x40], Depth).SelectMany(b => b), .. Enumerable.Repeat((byte)0x0B, Depth + 1)];
        byte[] module = Wasm.Module(
            Wasm.Section(1, 1, 0x60, 0, 0),
            Wasm.Section(3, 1, 0),
            Wasm.Section(7, [1, .. Wasm.Name("_start"), 0, 0]),
            Wasm.Section(10, [1, .. Wasm.Leb((uint)body.Length), .. body]));
        var (exit, error) = RunBytes(module);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData("(module (func (export \"_start\") unreachable))", RunCommand.TrapExitCode, "Error: unreachable")]
    [InlineData("(module (func $f (export \"_start\") (call $f)))", RunCommand.TrapExitCode, "Error: call stack exhausted")]
    [InlineData("(module (import \"env\" \"f\" (func)))", 1, "Error: ")]
    public async Task Kiln_executable_exits_with_a_message_when_the_guest_fails(string wat, int expectedExit, string expectedStart)
    {
        var (exit, error) = await RunExecutable(wat);
        Assert.Equal(expectedExit, exit);
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kiln_executable_reports_a_parse_error_when_the_text_module_nests_too_deep()
    {
        const int Depth = 1_000_000;
        var (exit, error) = await RunExecutable("(module (func " + string.Concat(Enumerable.Repeat("(i32.eqz ", Depth)) + "(i32.const 0)" + new string(')', Depth) + "))");
        Assert.Equal(1, exit);
        Assert.Contains("nesting too deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kiln_executable_writes_output_to_a_pipe_before_the_guest_ends()
    {
        // Writes "first\n", sleeps 3 s in poll_oneoff (one relative monotonic-clock subscription), then writes "second\n".
        const string Wat = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 256) "first\nsecond\n")
              (func $print (param i32 i32)
                (i32.store (i32.const 0) (local.get 0))
                (i32.store (i32.const 4) (local.get 1))
                (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
              (func (export "_start")
                (call $print (i32.const 256) (i32.const 6))
                (i32.store (i32.const 80) (i32.const 1))
                (i64.store (i32.const 88) (i64.const 3000000000))
                (drop (call $poll (i32.const 64) (i32.const 128) (i32.const 1) (i32.const 12)))
                (call $print (i32.const 262) (i32.const 7))))
            """;
        string path = Path.Combine(_dir, "slow.wat");
        File.WriteAllText(path, Wat);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Kiln.Cli.dll"), "run", path })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        bool runningAfterFirstLine = !process.HasExited;
        string rest = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal("first", first);
        Assert.Equal("second\n", rest);
        Assert.Equal(0, process.ExitCode);
        Assert.True(runningAfterFirstLine, "the first line reached the pipe only when the guest ended");
    }

    /// <summary>Runs the built kiln (Kiln.Cli.dll) on <paramref name="wat"/> in a process of its own, where a crash would show.</summary>
    private async Task<(int Exit, string Error)> RunExecutable(string wat)
    {
        string path = Path.Combine(_dir, "m.wat");
        File.WriteAllText(path, wat);
        string cli = Path.Combine(AppContext.BaseDirectory, "Kiln.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "run", path })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        string error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal("", await stdout);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", error, StringComparison.Ordinal);
        AssertCleanFailure(process.ExitCode, error, wat.Length > 200 ? wat[..200] : wat);
        return (process.ExitCode, error);
    }

    /// <summary>
    /// A mutated module may still be valid (a cut at a section boundary drops only the trailing custom sections; a flip
    /// may change a constant): then the guest ran and ended by itself, and kiln said nothing. Otherwise kiln's message is clean.
    /// </summary>
    private static void AssertCleanEnd(int exit, string error, string what)
    {
        if (error.Length > 0)
        {
            AssertCleanFailure(exit, error, what);
        }
    }

    private static void AssertCleanFailure(int exit, string error, string what)
    {
        Assert.True(exit != 0, $"{what}: exit 0, stderr: {error}");
        Assert.True(error.StartsWith("Error: ", StringComparison.Ordinal), $"{what}: stderr does not start with 'Error: ': {error}");
        Assert.False(error.Contains("internal error", StringComparison.Ordinal), $"{what}: {error}");
        Assert.False(error.Contains("   at ", StringComparison.Ordinal), $"{what}: a .NET stack trace leaked: {error}");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private (int Exit, string Error) RunBytes(byte[] module)
    {
        string path = Path.Combine(_dir, "m.wasm");
        File.WriteAllBytes(path, module);
        return RunFile(path);
    }

    private (int Exit, string Error) RunWat(string text)
    {
        string path = Path.Combine(_dir, "m.wat");
        File.WriteAllText(path, text);
        return KilnCliRun(["run", path]);
    }

    /// <summary>
    /// Runs with captured guest streams and an empty stdin, so a mutated program that still runs stays quiet;
    /// returns kiln's own messages, not the guest's stderr.
    /// </summary>
    private static (int Exit, string Error) RunFile(string path)
    {
        var error = new StringWriter();
        int exit = RunCommand.Run(new RunOptions(path) { Stdin = new MemoryStream(), Stdout = new MemoryStream(), Stderr = new MemoryStream() }, new StringWriter(), error);
        return (exit, error.ToString());
    }

    private static (int Exit, string Error) KilnCliRun(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = KilnCli.Run(args, output, error);
        return (exit, error.ToString());
    }
}
