extern alias KilnEngine;

using System.Text;
using Kiln.Wasi.Tests.Fixtures;
using KilnEngine::Kiln;

namespace Kiln.Wasi.Tests.Kiln;

/// <summary>
/// Runs a WASI module on the Kiln engine with Kiln.Wasi bound by <see cref="KilnWasi.DefineWasi(Linker, WasiOptions)"/>, set up like
/// <see cref="FixtureRunner.RunReference"/> does for Wasmtime, so the two runs can be compared.
/// </summary>
internal static class KilnRunner
{
    private static readonly Engine Engine = new();

    internal static FixtureRun RunFixture(string fixture, Scenario s, string[]? args = null)
    {
        var module = Module.FromFile(Engine, FixtureRunner.FixturePath(fixture));
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        using var stdin = File.OpenRead(s.StdinPath);
        var options = new WasiOptions { Stdin = stdin, Stdout = stdout, Stderr = stderr };
        foreach (var a in args ?? FixtureRunner.Args)
        {
            options.Args.Add(a);
        }

        options.Environment.Add(new("FOO", "bar"));
        options.Preopens.Add(new WasiPreopen(s.Sandbox, "sandbox"));
        options.Preopens.Add(new WasiPreopen(s.ReadOnly, "ro", ReadOnly: true));
        var (exit, trap) = Run(module, options);
        return new FixtureRun(Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), exit, trap, s.Snapshot());
    }

    /// <summary>Runs any module with <paramref name="args"/> as argv and <paramref name="preopen"/> as the guest's "/"; stdout and stderr together.</summary>
    internal static (string Stdout, int ExitCode, string? Trap) RunModule(string wasmPath, string[] args, string preopen)
    {
        var module = Module.FromFile(Engine, wasmPath);
        var stdout = new MemoryStream();
        var options = new WasiOptions { Stdin = new MemoryStream(), Stdout = stdout, Stderr = stdout };
        foreach (var a in args)
        {
            options.Args.Add(a);
        }

        options.Preopens.Add(new WasiPreopen(preopen, "/"));
        var (exit, trap) = Run(module, options);
        return (Encoding.UTF8.GetString(stdout.ToArray()), exit, trap);
    }

    private static (int Exit, string? Trap) Run(Module module, WasiOptions options)
    {
        var linker = new Linker(Engine);
        using var wasi = linker.DefineWasi(options);
        using var store = new Store<object?>(Engine, null);
        try
        {
            return (wasi.RunCommand(linker.Instantiate(store, module)), null);
        }
        catch (TrapException e)
        {
            return (-1, e.Reason);
        }
    }
}
