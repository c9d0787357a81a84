namespace Kiln.Wasi.Tests.Fixtures;

/// <summary>The shared benchmark programs (../shared/bench, quick scale) print their expected checksums with Kiln.Wasi.</summary>
public sealed class BenchTests
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var wasm in Directory.GetFiles(Path.Combine(BenchDirectory(), "wasm"), "*.wasm").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(wasm));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Bench_program_prints_expected_checksum_with_kiln_wasi(string name)
    {
        var bench = BenchDirectory();
        var expected = File.ReadLines(Path.Combine(bench, "expected-quick.txt")).Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        var scratch = Directory.CreateTempSubdirectory("kiln-wasi-bench-").FullName;
        try
        {
            var (stdout, exit) = FixtureRunner.RunKilnModule(Path.Combine(bench, "wasm", name + ".wasm"), [name + ".wasm", "0.05"], scratch);
            Assert.Equal(0, exit);
            Assert.Equal(expected, stdout.TrimEnd('\n'));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    // The repository clone sits beside shared/ (see the project's common brief).
    private static string BenchDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench");
            if (Directory.Exists(Path.Combine(candidate, "wasm")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/bench not found above " + AppContext.BaseDirectory);
    }
}
