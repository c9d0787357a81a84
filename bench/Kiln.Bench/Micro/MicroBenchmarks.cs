using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Kiln.Bench.Micro;

/// <summary>
/// The call-path micro-benchmarks: each class measures one operation on Kiln and, as the baseline, on Wasmtime
/// (NuGet Wasmtime) with the same module, so the Ratio column is Kiln's time over Wasmtime's.
/// </summary>
internal static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(RankColumn.Arabic)
            // Reports go beside the binaries (ignored by git), not into whatever folder the command ran in.
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
            // Building the per-job copy of this project takes minutes on a small, busy machine.
            .WithBuildTimeout(TimeSpan.FromMinutes(15));
        BenchmarkSwitcher.FromTypes(
        [
            typeof(HostToGuestBenchmarks),
            typeof(GuestToHostBenchmarks),
            typeof(CallIndirectBenchmarks),
            typeof(MemoryGrowBenchmarks),
            typeof(InstantiationBenchmarks),
        ]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}
