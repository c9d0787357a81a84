namespace Kiln.Tests.Binary;

/// <summary>Locates the shared test data folder: <c>KILN_SHARED</c>, else <c>../shared</c> beside the repository root.</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Folder => Root.Value;

    /// <summary>Every <c>.wasm</c> file under <c>bench/wasm</c>, as test data rows (path relative to the bench folder).</summary>
    public static TheoryData<string> BenchModules()
    {
        var data = new TheoryData<string>();
        if (Folder is { } root && Directory.Exists(Path.Combine(root, "bench", "wasm")))
        {
            var bench = Path.Combine(root, "bench");
            foreach (var file in Directory.GetFiles(Path.Combine(bench, "wasm"), "*.wasm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(bench, file));
            }
        }

        return data;
    }

    public static byte[] ReadBench(string relativePath) => File.ReadAllBytes(Path.Combine(Folder!, "bench", relativePath));

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("KILN_SHARED") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kiln.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
