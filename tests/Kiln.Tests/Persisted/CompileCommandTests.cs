using System.Text;
using Kiln.Cli;
using Kiln.Tests.Spec;

namespace Kiln.Tests.Persisted;

/// <summary><c>kiln compile</c> then <c>kiln run x.kiln</c>: the same results as running the module itself.</summary>
public sealed class CompileCommandTests : IDisposable
{
    private const string Guest = """
        (module $guest
          (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func $boom (unreachable))
          (func (export "crash") (call $boom))
          (func (export "spin") (loop (br 0))))
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-compile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = KilnCli.Run(args, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Compile_writes_a_kiln_file_beside_the_module_that_run_invokes_when_no_output_is_given()
    {
        string wat = Write("guest.wat", Guest);
        Assert.Equal((0, "", ""), Cli("compile", wat));
        string kiln = Path.Combine(_dir, "guest.kiln");
        Assert.True(Module.IsSerialized(File.ReadAllBytes(kiln)));
        Assert.Equal((0, "5\n", ""), Cli("run", "--invoke", "add", kiln, "2", "3"));
    }

    [Fact]
    public void Run_detects_a_kiln_file_by_its_contents_when_its_name_says_otherwise()
    {
        string wat = Write("guest.wat", Guest);
        string output = Path.Combine(_dir, "looks-like.wasm");
        Assert.Equal((0, "", ""), Cli("compile", wat, "-o", output));
        Assert.Equal((0, "9\n", ""), Cli("run", "--invoke", "add", output, "4", "5"));
    }

    [Fact]
    public void Run_reports_the_trap_backtrace_from_a_kiln_file_when_the_guest_traps()
    {
        string wat = Write("guest.wat", Guest);
        string kiln = Path.Combine(_dir, "guest.kiln");
        Cli("compile", wat);
        var (exit, _, error) = Cli("run", "--invoke", "crash", kiln);
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: unreachable\nwasm backtrace:\n    0: guest!boom\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_refuses_a_kiln_file_compiled_without_fuel_when_run_with_fuel()
    {
        string wat = Write("guest.wat", Guest);
        string kiln = Path.Combine(_dir, "guest.kiln");
        Cli("compile", wat);
        var (exit, _, error) = Cli("run", "--fuel", "1000", "--invoke", "spin", kiln);
        Assert.Equal(1, exit);
        Assert.Contains("compiled with epoch interruption only but the engine uses fuel metering", error, StringComparison.Ordinal);

        Assert.Equal((0, "", ""), Cli("compile", "--fuel", wat));
        (exit, _, error) = Cli("run", "--fuel", "1000", "--invoke", "spin", kiln);
        Assert.Equal(RunCommand.TrapExitCode, exit);
        Assert.StartsWith("Error: all fuel consumed by WebAssembly\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_reports_an_error_when_the_module_is_malformed()
    {
        string bad = Write("bad.wat", "(module (func (result i32) (i64.const 1)))");
        var (exit, _, error) = Cli("compile", bad);
        Assert.Equal(1, exit);
        Assert.StartsWith("Error: failed to load " + bad + ": type mismatch", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "bad.kiln")));
    }

    [Fact]
    public void Run_reports_a_clear_error_when_the_kiln_file_is_truncated()
    {
        string wat = Write("guest.wat", Guest);
        string kiln = Path.Combine(_dir, "guest.kiln");
        Cli("compile", wat);
        var bytes = File.ReadAllBytes(kiln);
        File.WriteAllBytes(kiln, bytes[..(bytes.Length / 2)]);
        var (exit, _, error) = Cli("run", "--invoke", "add", kiln, "1", "2");
        Assert.Equal(1, exit);
        Assert.StartsWith("Error: failed to load " + kiln + ": corrupted or truncated .kiln file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wasi_c_program_prints_the_same_from_the_kiln_file_as_from_the_wasm()
    {
        string wasm = Path.Combine(SpecSuite.RepositoryRoot, "tests", "fixtures", "wasi", "libc.wasm");
        string kiln = Path.Combine(_dir, "libc.kiln");
        Assert.Equal(0, CompileCommand.Run(wasm, kiln, consumeFuel: false, TextWriter.Null));
        var fromWasm = RunLibc(wasm, "a");
        var fromKiln = RunLibc(kiln, "b");
        Assert.Equal(fromWasm, fromKiln);
        Assert.Contains("args: [prog] [x y]", fromKiln.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs the libc fixture in a fresh sandbox (its preopens <c>sandbox</c> and <c>ro</c>), as its README says.</summary>
    private (int Exit, string Stdout, string Error) RunLibc(string module, string run)
    {
        string root = Path.Combine(_dir, run);
        Directory.CreateDirectory(Path.Combine(root, "sandbox"));
        Directory.CreateDirectory(Path.Combine(root, "ro"));
        var stdout = new MemoryStream();
        var error = new StringWriter();
        int exit = RunCommand.Run(
            new RunOptions(module)
            {
                Args = ["x y"],
                Argv0 = "prog",
                Env = ["FOO=bar"],
                Dirs = [Path.Combine(root, "sandbox") + "::sandbox", Path.Combine(root, "ro") + "::ro:readonly"],
                Stdout = stdout,
                Stderr = new MemoryStream(),
                Stdin = new MemoryStream("one\ntwo\n"u8.ToArray()),
            },
            TextWriter.Null,
            error);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), error.ToString());
    }
}
