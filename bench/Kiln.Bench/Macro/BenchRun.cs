namespace Kiln.Bench.Macro;

/// <summary>What one run of a benchmark printed, and how long the guest ran (instantiation and <c>_start</c>).</summary>
internal readonly record struct BenchRun(string Output, double Seconds);
