using System.Diagnostics;
using W = Wasmtime;

namespace Kiln.Bench.Macro;

/// <summary>Wasmtime 50 (Cranelift) in process through its .NET package, with its WASI; it compiles the whole module in <see cref="Prepare"/>.</summary>
internal sealed class WasmtimeRuntime : IBenchRuntime
{
    private readonly W.Engine _engine;
    private readonly W.Linker _linker;
    private readonly bool _epoch;
    private W.Module? _module;

    /// <summary>With <paramref name="epoch"/>, code checks the epoch at function entries and loop headers, as Kiln's does by default.</summary>
    public WasmtimeRuntime(bool epoch)
    {
        _epoch = epoch;
        _engine = new W.Engine(new W.Config().WithEpochInterruption(epoch));
        _linker = new W.Linker(_engine);
        _linker.DefineWasi();
    }

    public string Name => "wasmtime";

    /// <summary>Milliseconds Wasmtime took to compile the module last prepared.</summary>
    public double CompileMs { get; private set; }

    public void Prepare(BenchmarkCase bench)
    {
        _module?.Dispose();
        var clock = Stopwatch.StartNew();
        _module = W.Module.FromFile(_engine, bench.ModulePath);
        CompileMs = clock.Elapsed.TotalMilliseconds;
    }

    public BenchRun Run(BenchmarkCase bench, string scratch)
    {
        // Wasmtime's WASI writes stdout to a file; it is read back after the run.
        string stdout = Path.Combine(Path.GetTempPath(), $"kiln-bench-{Environment.ProcessId}.out");
        using var store = new W.Store(_engine);
        if (_epoch)
        {
            // Nothing increments the epoch: any deadline ahead is never reached, as with Kiln's default.
            store.SetEpochDeadline(1);
        }

        store.SetWasiConfiguration(new W.WasiConfiguration()
            .WithArgs(bench.Argv)
            .WithStandardOutput(stdout)
            .WithStandardError(stdout)
            .WithPreopenedDirectory(scratch, "/", true));
        var clock = Stopwatch.StartNew();
        string suffix = "";
        try
        {
            _linker.Instantiate(store, _module!).GetAction("_start")!();
        }
        catch (W.WasmtimeException e) when (e.ExitCode is int code)
        {
            suffix = code == 0 ? "" : $" (exit {code})";
        }

        double seconds = clock.Elapsed.TotalSeconds;
        string output = File.ReadAllText(stdout).TrimEnd('\n') + suffix;
        File.Delete(stdout);
        return new BenchRun(output, seconds);
    }

    public void Dispose()
    {
        _module?.Dispose();
        _linker.Dispose();
        _engine.Dispose();
    }
}
