namespace Kiln.Http.Tests;

/// <summary>Finds examples/http, whose handlers and manifests the tests serve.</summary>
internal static class Examples
{
    public static string Dir { get; } = Find();

    public static string File(string name) => Path.Combine(Dir, name);

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "examples", "http");
            if (System.IO.File.Exists(Path.Combine(candidate, "kiln.toml")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/http not found above " + AppContext.BaseDirectory);
    }
}
