using System.CommandLine;
using System.Text;
using Kiln.Cli;

namespace Kiln.Tests.Api;

public sealed class RunCommandTests : IDisposable
{
    private const string Hello = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 8) "hello\n")
          (func $write
            (i32.store (i32.const 0) (i32.const 8))
            (i32.store (i32.const 4) (i32.const 6))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 20))))
          (func (export "_start")
            (call $write)
            (drop (call $sizes (i32.const 24) (i32.const 28)))
            ;; exit with argc when there are arguments, return normally otherwise
            (if (i32.gt_u (i32.load (i32.const 24)) (i32.const 1))
              (then (call $exit (i32.load (i32.const 24))))))
          (func $deep (unreachable))
          (func (export "crash") (call $write) (call $deep))
          (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
          (func (export "pair") (param f64) (result f64 f32) (local.get 0) (f32.const 1.5)))
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Stdout, string Output, string Error) Run(string source, string? invoke = null, params string[] args)
    {
        var path = Path.Combine(_dir, "m.wat");
        File.WriteAllText(path, source);
        return Run(new RunOptions(path) { Args = args, Invoke = invoke });
    }

    private static (int Exit, string Stdout, string Output, string Error) Run(RunOptions options)
    {
        var stdout = new MemoryStream();
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = RunCommand.Run(options with { Stdout = stdout, Stderr = new MemoryStream(), Stdin = new MemoryStream() }, output, error);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_prints_output_and_exits_0_when_start_returns()
    {
        var (exit, stdout, _, error) = Run(Hello);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Equal("hello\n", stdout);
    }

    [Fact]
    public void Run_exits_with_proc_exit_code_after_flushing_output()
    {
        var (exit, stdout, _, _) = Run(Hello, null, "a", "b");
        Assert.Equal(3, exit);
        Assert.Equal("hello\n", stdout);
    }

    [Fact]
    public void Run_reports_trap_and_backtrace_when_guest_traps()
    {
        var (exit, stdout, _, error) = Run(Hello, "crash");
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.Equal("hello\n", stdout);
        Assert.StartsWith("Error: unreachable\nwasm backtrace:\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_prints_results_one_per_line()
    {
        Assert.Equal("-1\n", Run(Hello, "add", "-3", "2").Output.ReplaceLineEndings("\n"));
        Assert.Equal("4294967297\n", Run(Hello, "add", "0xffffffff", "4294967298").Output.ReplaceLineEndings("\n"));
        Assert.Equal("2.25\n1.5\n", Run(Hello, "pair", "2.25").Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Invoke_fails_with_a_reason_when_arguments_are_wrong()
    {
        var (exit, _, _, error) = Run(Hello, "add", "1");
        Assert.Equal(1, exit);
        Assert.Contains("takes 2 arguments, got 1", error, StringComparison.Ordinal);
        Assert.Contains("not a valid i64", Run(Hello, "add", "1", "x").Error, StringComparison.Ordinal);
        Assert.Contains("no function \"nope\"", Run(Hello, "nope").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_names_the_import_when_it_is_unknown()
    {
        var (exit, _, _, error) = Run("""(module (import "env" "missing" (func)) (func (export "_start")))""");
        Assert.Equal(1, exit);
        Assert.Equal("Error: unknown import: env::missing has not been defined", error.TrimEnd());
    }

    [Fact]
    public void Run_gives_one_line_reason_when_module_is_malformed()
    {
        var path = Path.Combine(_dir, "bad.wasm");
        File.WriteAllBytes(path, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01, 0x05, 0x01]);
        var (exit, _, _, error) = Run(new RunOptions(path));
        Assert.Equal(1, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("Error: failed to load ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_parses_flags_and_guest_arguments()
    {
        var path = Path.Combine(_dir, "m.wat");
        File.WriteAllText(path, Hello);
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        var root = new RootCommand { RunCommand.Create() };
        Assert.Equal(1, root.Parse(["run", "--fuel", "ten", path]).Invoke(config));
        Assert.Contains("--fuel ten", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, root.Parse(["run", "--invoke", "add", path, "40", "2"]).Invoke(config));
        Assert.Equal("42", output.ToString().Trim());
    }

    [Fact]
    public void Dir_spec_parses_guest_name_and_readonly_suffix()
    {
        Assert.Equal(new Wasi.WasiPreopen(_dir, _dir), RunCommand.ParseDir(_dir));
        Assert.Equal(new Wasi.WasiPreopen(_dir, "/"), RunCommand.ParseDir(_dir + "::/"));
        Assert.Equal(new Wasi.WasiPreopen(_dir, "data", true), RunCommand.ParseDir(_dir + "::data:readonly"));
        Assert.Throws<ArgumentException>(() => RunCommand.ParseDir(Path.Combine(_dir, "nope") + "::/"));
    }

    [Fact]
    public void Run_reports_stack_exhaustion_instead_of_crashing()
    {
        var (exit, _, _, error) = Run("""(module (func $f (export "_start") (call $f)))""");
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: call stack exhausted", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_passes_arguments_and_environment_to_the_guest()
    {
        var basics = FixturePath("basics.wasm");
        Directory.CreateDirectory(Path.Combine(_dir, "sandbox"));
        var (exit, stdout, _, _) = Run(new RunOptions(basics)
        {
            Args = ["x"],
            Env = ["FOO=bar", "MISSING"],
            Argv0 = "prog",
            Dirs = [Path.Combine(_dir, "sandbox") + "::sandbox"],
        });
        Assert.Equal(7, exit);
        Assert.StartsWith("argc=2\nargv[1]=x\nFOO=bar\nMISSING=(null)\n", stdout, StringComparison.Ordinal);
    }

    private static string FixturePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "wasi", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/fixtures/wasi not found above " + AppContext.BaseDirectory, name);
    }
}
