using System.Diagnostics;

namespace Kiln.Bench.Macro;

/// <summary>The x86-64 builds <c>build.sh</c> makes in <c>native/</c>: the physical limit. Timed as a whole process.</summary>
internal sealed class NativeRuntime(string benchDir) : IBenchRuntime
{
    public string Name => "native";

    /// <summary>True when <c>build.sh</c> built the native program of <paramref name="bench"/>.</summary>
    public bool Has(BenchmarkCase bench) => File.Exists(Program(bench));

    public void Prepare(BenchmarkCase bench)
    {
    }

    public BenchRun Run(BenchmarkCase bench, string scratch)
    {
        var start = new ProcessStartInfo(Program(bench), [bench.Scale])
        {
            WorkingDirectory = scratch,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().TrimEnd('\n');
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        return new BenchRun(process.ExitCode == 0 ? output : $"{output} (exit {process.ExitCode})", seconds);
    }

    public void Dispose()
    {
    }

    private string Program(BenchmarkCase bench) => Path.Combine(benchDir, "native", bench.Name);
}
