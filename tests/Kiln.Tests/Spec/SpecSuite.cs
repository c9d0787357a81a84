using System.Text.Json;

namespace Kiln.Tests.Spec;

/// <summary>Where the spec suite and its baseline are: the suite from KILN_SPEC_TESTSUITE or ../shared/wasm-testsuite beside the repository.</summary>
internal static class SpecSuite
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder { get; } =
        Environment.GetEnvironmentVariable("KILN_SPEC_TESTSUITE") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "wasm-testsuite"));

    public static string BaselinePath { get; } = Path.Combine(RepositoryRoot, "tests", "spec-baseline.json");

    /// <summary>Every script, as a path relative to <see cref="Folder"/> with forward slashes, sorted.</summary>
    public static IReadOnlyList<string> Files() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.wast", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Recorded pass counts per script (absent: 0).</summary>
    public static IReadOnlyDictionary<string, int> Baseline() =>
        File.Exists(BaselinePath)
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(BaselinePath)) ?? []
            : new Dictionary<string, int>();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kiln.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Kiln.slnx not found above {AppContext.BaseDirectory}");
    }
}
