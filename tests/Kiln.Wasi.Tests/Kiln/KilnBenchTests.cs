using Kiln.Wasi.Tests.Fixtures;

namespace Kiln.Wasi.Tests.Kiln;

/// <summary>
/// The shared benchmark programs (../shared/bench, scale 0.05) on Kiln print the checksum lines of
/// expected-quick.txt, which were verified identical under Wasmtime, and exit with 0.
/// </summary>
public sealed class KilnBenchTests
{
    public static TheoryData<string> Programs() => BenchTests.Programs();

    [Theory]
    [MemberData(nameof(Programs))]
    public void Bench_program_prints_expected_checksum_when_run_on_kiln(string name)
    {
        var wasm = FindWasm(name);
        var bench = Path.GetDirectoryName(Path.GetDirectoryName(wasm))!;
        var expected = File.ReadLines(Path.Combine(bench, "expected-quick.txt")).Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        var scratch = Directory.CreateTempSubdirectory("kiln-bench-").FullName;
        try
        {
            var (stdout, exit, trap) = KilnRunner.RunModule(wasm, [name + ".wasm", "0.05"], scratch);
            Assert.Null(trap);
            Assert.Equal(0, exit);
            Assert.Equal(expected, stdout.TrimEnd('\n'));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string FindWasm(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", "wasm", name + ".wasm");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/bench/wasm not found above " + AppContext.BaseDirectory, name + ".wasm");
    }
}
