namespace Kiln.Tests.Binary;

/// <summary>Locates the shared test data folder: <c>KILN_SHARED</c>, else <c>../shared</c> beside the repository root.</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Folder => Root.Value;

    /// <summary>Every <c>.wasm</c> file under <c>bench/wasm</c>, as paths relative to the bench folder (none when the folder is missing).</summary>
    public static IEnumerable<string> BenchModulePaths()
    {
        if (Folder is not { } root || !Directory.Exists(Path.Combine(root, "bench", "wasm")))
        {
            return [];
        }

        var bench = Path.Combine(root, "bench");
        return Directory.GetFiles(Path.Combine(bench, "wasm"), "*.wasm", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(bench, file))
            .Order(StringComparer.Ordinal);
    }

    /// <summary><see cref="BenchModulePaths"/> as test data rows.</summary>
    public static TheoryData<string> BenchModules() => [.. BenchModulePaths()];

    public static byte[] ReadBench(string relativePath) => File.ReadAllBytes(Path.Combine(Folder!, "bench", relativePath));

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("KILN_SHARED") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        var shared = Path.GetFullPath(Path.Combine(Spec.SpecSuite.RepositoryRoot, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }
}
