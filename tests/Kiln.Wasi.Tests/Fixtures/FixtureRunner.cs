using Wasmtime;

namespace Kiln.Wasi.Tests.Fixtures;

/// <summary>
/// Runs a fixture on Wasmtime, with either Wasmtime's own WASI (the reference) or Kiln.Wasi bound through
/// Wasmtime's untyped host functions (the same binding surface the Kiln engine will use).
/// </summary>
internal static class FixtureRunner
{
    internal static readonly string[] Args = ["fixture", "a", "b c"];

    private static readonly Engine Engine = new();

    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name + ".wasm");

    internal static FixtureRun RunReference(string fixture, Scenario s, string[]? args = null)
    {
        using var module = Module.FromFile(Engine, FixturePath(fixture));
        using var linker = new Linker(Engine);
        using var store = new Store(Engine);
        linker.DefineWasi();
        var stdout = Path.Combine(Path.GetTempPath(), $"kiln-ref-{Guid.NewGuid():N}.out");
        var stderr = stdout + ".err";
        var config = new WasiConfiguration()
            .WithArgs(args ?? Args)
            .WithEnvironmentVariable("FOO", "bar")
            .WithStandardInput(s.StdinPath)
            .WithStandardOutput(stdout)
            .WithStandardError(stderr)
            .WithPreopenedDirectory(s.Sandbox, "sandbox", true)
            .WithPreopenedDirectory(s.ReadOnly, "ro", false);
        store.SetWasiConfiguration(config);
        int exit = 0;
        string? trap = null;
        try
        {
            var instance = linker.Instantiate(store, module);
            instance.GetAction("_start")!();
        }
        catch (WasmtimeException e) when (e.ExitCode is { } code)
        {
            exit = code;
        }
        catch (WasmtimeException e)
        {
            trap = e.Message;
            exit = -1;
        }
        var run = new FixtureRun(Read(stdout), Read(stderr), exit, trap, s.Snapshot());
        return run;
    }

    internal static FixtureRun RunKiln(string fixture, Scenario s, string[]? args = null)
    {
        using var module = Module.FromFile(Engine, FixturePath(fixture));
        using var linker = new Linker(Engine);
        using var store = new Store(Engine);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        using var stdin = File.OpenRead(s.StdinPath);
        var options = new WasiOptions { Stdin = stdin, Stdout = stdout, Stderr = stderr };
        foreach (var a in args ?? Args)
        {
            options.Args.Add(a);
        }
        options.Environment.Add(new("FOO", "bar"));
        options.Preopens.Add(new WasiPreopen(s.Sandbox, "sandbox"));
        options.Preopens.Add(new WasiPreopen(s.ReadOnly, "ro", ReadOnly: true));
        using var wasi = new WasiPreview1(options);
        Bind(linker, wasi);
        int exit = 0;
        string? trap = null;
        try
        {
            var instance = linker.Instantiate(store, module);
            instance.GetAction("_start")!();
        }
        catch (WasmtimeException e) when (Find<WasiExitException>(e) is { } exitException)
        {
            exit = exitException.ExitCode;
        }
        catch (WasmtimeException e)
        {
            trap = Find<WasiTrapException>(e)?.Message ?? e.Message;
            exit = -1;
        }
        wasi.Flush();
        return new FixtureRun(System.Text.Encoding.UTF8.GetString(stdout.ToArray()), System.Text.Encoding.UTF8.GetString(stderr.ToArray()), exit, trap, s.Snapshot());
    }

    /// <summary>Runs any module with Kiln.Wasi: <paramref name="args"/> as argv, <paramref name="preopen"/> as the guest's "/".</summary>
    internal static (string Stdout, int ExitCode) RunKilnModule(string wasmPath, string[] args, string preopen)
    {
        using var module = Module.FromFile(Engine, wasmPath);
        using var linker = new Linker(Engine);
        using var store = new Store(Engine);
        var stdout = new MemoryStream();
        var options = new WasiOptions { Stdin = new MemoryStream(), Stdout = stdout, Stderr = stdout };
        foreach (var a in args)
        {
            options.Args.Add(a);
        }
        options.Preopens.Add(new WasiPreopen(preopen, "/"));
        using var wasi = new WasiPreview1(options);
        Bind(linker, wasi);
        int exit = 0;
        try
        {
            linker.Instantiate(store, module).GetAction("_start")!();
        }
        catch (WasmtimeException e) when (Find<WasiExitException>(e) is { } exitException)
        {
            exit = exitException.ExitCode;
        }
        wasi.Flush();
        return (System.Text.Encoding.UTF8.GetString(stdout.ToArray()), exit);
    }

    /// <summary>Defines every WASI function on <paramref name="linker"/> through <see cref="WasiPreview1.Invoke"/>.</summary>
    internal static void Bind(Linker linker, WasiPreview1 wasi)
    {
        var functions = WasiPreview1.Functions;
        for (int i = 0; i < functions.Count; i++)
        {
            int index = i;
            var f = functions[i];
            var parameters = f.Parameters.Select(c => c == 'i' ? ValueKind.Int32 : ValueKind.Int64).ToArray();
            ValueKind[] results = f.HasResult ? [ValueKind.Int32] : [];
            linker.DefineFunction("wasi_snapshot_preview1", f.Name, (Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> res) =>
            {
                Span<long> raw = stackalloc long[args.Length];
                for (int k = 0; k < args.Length; k++)
                {
                    raw[k] = f.Parameters[k] == 'i' ? args[k].AsInt32() : args[k].AsInt64();
                }
                // A module without an exported memory gets an empty view: any pointer it passes traps.
                var memory = caller.GetMemory("memory");
                int r;
                unsafe
                {
                    var view = memory is null ? new GuestMemory([]) : new GuestMemory((byte*)memory.GetPointer(), (ulong)memory.GetLength());
                    r = wasi.Invoke(index, view, raw);
                }
                if (f.HasResult)
                {
                    res[0] = r;
                }
            }, parameters, results);
        }
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T t)
            {
                return t;
            }
        }
        return null;
    }

    private static string Read(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }
        var text = File.ReadAllText(path);
        File.Delete(path);
        return text;
    }
}
