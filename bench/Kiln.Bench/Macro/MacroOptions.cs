using System.Globalization;

namespace Kiln.Bench.Macro;

/// <summary>The macro runner's command line.</summary>
internal sealed record MacroOptions(string BenchDir, bool Quick, int Runs, bool Simd, bool WasmtimeEpoch, IReadOnlySet<string>? Only)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Kiln.Bench -- [micro [BenchmarkDotNet args]] | [--quick] [--runs N] [--simd] [--wasmtime-epoch] [--only a,b,...] [--bench-dir DIR]
          --quick        scale 0.05 and one run (CI smoke: checks every output line, times mean little)
          --runs N       timed runs per runtime after one warm-up run (default 5)
          --simd         use the -msimd128 builds in wasm/simd/ where they exist
          --wasmtime-epoch  Wasmtime checks the epoch too (Kiln does by default; Wasmtime does not): like for like
          --only LIST    just these benchmarks
          --bench-dir    the suite (default: $KILN_BENCH_DIR, else ../shared/bench beside the repository)
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value, or no suite found.</exception>
    public static MacroOptions Parse(string[] args)
    {
        bool quick = false, simd = false, wasmtimeEpoch = false;
        int? runs = null;
        string? dir = Environment.GetEnvironmentVariable("KILN_BENCH_DIR");
        HashSet<string>? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--simd": simd = true; break;
                case "--wasmtime-epoch": wasmtimeEpoch = true; break;
                case "--runs": runs = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--only": only = [.. Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries)]; break;
                case "--bench-dir": dir = Value(args, ref i); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        dir ??= FindSuite() ?? throw new ArgumentException("cannot find ../shared/bench: pass --bench-dir or set KILN_BENCH_DIR");
        if (!File.Exists(Path.Combine(dir, "expected.txt")))
        {
            throw new ArgumentException($"{dir} is not the benchmark suite (no expected.txt)");
        }

        return new MacroOptions(Path.GetFullPath(dir), quick, Math.Max(1, runs ?? (quick ? 1 : 5)), simd, wasmtimeEpoch, only);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    /// <summary>The suite sits in <c>shared/bench</c> beside the repository: walk up from here to the folder holding <c>Kiln.slnx</c>.</summary>
    private static string? FindSuite()
    {
        for (var d = new DirectoryInfo(Environment.CurrentDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kiln.slnx")))
            {
                string suite = Path.Combine(d.FullName, "..", "shared", "bench");
                return Directory.Exists(suite) ? suite : null;
            }
        }

        return null;
    }
}
