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
            .WithOptions(ConfigOptions.JoinSummary);
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
