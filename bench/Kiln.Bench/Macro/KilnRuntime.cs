using System.Diagnostics;
using System.Text;
using Kiln.Wasi;

namespace Kiln.Bench.Macro;

/// <summary>
/// Kiln in process, with its defaults. <see cref="Prepare"/> also times the phases the table reports: decoding and
/// validation, compiling every function (on a second copy of the module, so the timed runs keep lazy compilation as
/// <c>kiln run</c> does), and instantiation inside each run.
/// </summary>
internal sealed class KilnRuntime : IBenchRuntime
{
    private readonly Engine _engine = new();
    private Module? _module;

    public string Name => "kiln";

    /// <summary>Phases of the module last prepared.</summary>
    public ModulePhases Phases { get; private set; }

    public void Prepare(BenchmarkCase bench)
    {
        var bytes = File.ReadAllBytes(bench.ModulePath);
        var clock = Stopwatch.StartNew();
        _module = Module.FromBytes(_engine, bytes, bench.Name);
        double decode = clock.Elapsed.TotalMilliseconds;

        var copy = Module.FromBytes(_engine, bytes, bench.Name);
        clock.Restart();
        copy.Compile();
        Phases = new ModulePhases(decode, clock.Elapsed.TotalMilliseconds, 0);
    }

    public BenchRun Run(BenchmarkCase bench, string scratch)
    {
        var stdout = new MemoryStream();
        var options = new WasiOptions { Stdout = stdout, Stderr = stdout };
        foreach (var arg in bench.Argv)
        {
            options.Args.Add(arg);
        }

        options.Preopens.Add(new WasiPreopen(scratch, "/"));
        var linker = new Linker(_engine);
        using var wasi = linker.DefineWasi(options);
        using var store = new Store<object?>(_engine, null);
        var clock = Stopwatch.StartNew();
        var instance = linker.Instantiate(store, _module!);
        double instantiate = clock.Elapsed.TotalMilliseconds;
        int exit = wasi.RunCommand(instance);
        double seconds = clock.Elapsed.TotalSeconds;
        wasi.Flush();
        Phases = Phases with { InstantiateMs = instantiate };
        string output = Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd('\n');
        return new BenchRun(exit == 0 ? output : $"{output} (exit {exit})", seconds);
    }

    public void Dispose()
    {
    }
}
