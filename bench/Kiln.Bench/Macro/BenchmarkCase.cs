namespace Kiln.Bench.Macro;

/// <summary>One kernel of the suite: its module, the guest arguments, and the output line it must print.</summary>
internal sealed record BenchmarkCase(string Name, string ModulePath, string Scale, string Expected)
{
    /// <summary>The guest's argv, as <c>run.sh</c> passes it: the module path, then the scale.</summary>
    public string[] Argv => [Path.Combine("wasm", Path.GetFileName(ModulePath)), Scale];
}
