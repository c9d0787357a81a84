using System.Globalization;

namespace Kiln.Bench.Macro;

/// <summary>
/// Times the 13 kernels of <c>../shared/bench</c> on Kiln and on Wasmtime in one process, alternating the two run by
/// run (A B A B) after a warm-up run each, plus the native builds when present; checks every output line against
/// <c>expected.txt</c> and prints the medians, the ratios and their geometric means. Exits 1 when any line is wrong.
/// </summary>
internal static class MacroRunner
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        MacroOptions options;
        try
        {
            options = MacroOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            error.WriteLine("Error: " + e.Message);
            error.WriteLine(MacroOptions.Usage);
            return 2;
        }

        var cases = Cases(options);
        using var kiln = new KilnRuntime();
        using var wasmtime = new WasmtimeRuntime(options.WasmtimeEpoch);
        var native = new NativeRuntime(options.BenchDir);
        var rows = new List<Row>();
        int wrong = 0;
        string scratch = Directory.CreateTempSubdirectory("kiln-bench-").FullName;
        try
        {
            output.WriteLine($"# {cases.Count} benchmarks, scale {cases.FirstOrDefault()?.Scale}, {options.Runs} timed run(s) each after a warm-up, {Environment.ProcessorCount} cores, Wasmtime epoch checks {(options.WasmtimeEpoch ? "on" : "off (its default)")}");
            foreach (var bench in cases)
            {
                var row = Measure(bench, kiln, wasmtime, native, options.Runs, scratch, error);
                wrong += row.Wrong;
                rows.Add(row);
                output.WriteLine($"# {bench.Name}: kiln {row.Kiln:F3} s, wasmtime {row.Wasmtime:F3} s{(row.Wrong > 0 ? ", WRONG OUTPUT" : "")}");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        PrintTables(rows, output);
        return wrong == 0 ? 0 : 1;
    }

    private static List<BenchmarkCase> Cases(MacroOptions options)
    {
        string expectedFile = Path.Combine(options.BenchDir, options.Quick ? "expected-quick.txt" : "expected.txt");
        var cases = new List<BenchmarkCase>();
        foreach (var line in File.ReadLines(expectedFile))
        {
            string name = line.Split(' ')[0];
            if (line.Length == 0 || (options.Only is { } only && !only.Contains(name)))
            {
                continue;
            }

            string simd = Path.Combine(options.BenchDir, "wasm", "simd", name + ".wasm");
            string module = options.Simd && File.Exists(simd) ? simd : Path.Combine(options.BenchDir, "wasm", name + ".wasm");
            cases.Add(new BenchmarkCase(name, module, options.Quick ? "0.05" : "1", line));
        }

        return cases;
    }

    private static Row Measure(BenchmarkCase bench, KilnRuntime kiln, WasmtimeRuntime wasmtime, NativeRuntime native, int runs, string scratch, TextWriter error)
    {
        kiln.Prepare(bench);
        wasmtime.Prepare(bench);
        bool hasNative = native.Has(bench);
        int wrong = 0;

        // The warm-up runs compile lazily (Kiln) and fault in memory; Kiln's is reported as its cold run.
        var kilnCold = Checked(kiln, bench, scratch, error, ref wrong);
        Checked(wasmtime, bench, scratch, error, ref wrong);
        var k = new List<double>();
        var w = new List<double>();
        var n = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            k.Add(Checked(kiln, bench, scratch, error, ref wrong).Seconds);
            w.Add(Checked(wasmtime, bench, scratch, error, ref wrong).Seconds);
            if (hasNative)
            {
                n.Add(Checked(native, bench, scratch, error, ref wrong).Seconds);
            }
        }

        return new Row(bench.Name, Median(k), Median(w), hasNative ? Median(n) : null, kilnCold.Seconds,
            kiln.Phases, wasmtime.CompileMs, wrong);
    }

    private static BenchRun Checked(IBenchRuntime runtime, BenchmarkCase bench, string scratch, TextWriter error, ref int wrong)
    {
        var run = runtime.Run(bench, scratch);
        if (run.Output != bench.Expected)
        {
            wrong++;
            error.WriteLine($"WRONG {bench.Name} on {runtime.Name}: got \"{run.Output}\", want \"{bench.Expected}\"");
        }

        return run;
    }

    private static void PrintTables(List<Row> rows, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| benchmark | kiln s | wasmtime s | native s | kiln/wasmtime | kiln/native | output |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            output.WriteLine($"| {r.Name} | {r.Kiln:F3} | {r.Wasmtime:F3} | {Opt(r.Native, "F3")} | {r.Kiln / r.Wasmtime:F2} | {Opt(r.Kiln / r.Native, "F2")} | {(r.Wrong == 0 ? "ok" : "WRONG")} |");
        }

        output.WriteLine();
        output.WriteLine("| module | decode+validate ms | compile all ms | kiln cold run s | instantiate ms | wasmtime compile ms |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            output.WriteLine($"| {r.Name} | {r.Phases.DecodeValidateMs:F1} | {r.Phases.CompileAllMs:F1} | {r.KilnCold:F3} | {r.Phases.InstantiateMs:F3} | {r.WasmtimeCompileMs:F1} |");
        }

        output.WriteLine();
        var withNative = rows.Where(r => r.Native is not null).ToList();
        if (withNative.Count > 0)
        {
            output.WriteLine($"geomean kiln/native = {GeoMean(withNative.Select(r => r.Kiln / r.Native!.Value)).ToString("F2", Inv)} ({withNative.Count} benchmarks)");
        }

        output.WriteLine($"geomean kiln/wasmtime = {GeoMean(rows.Select(r => r.Kiln / r.Wasmtime)).ToString("F2", Inv)}");
    }

    private static string Opt(double? value, string format) => value is { } v ? v.ToString(format, Inv) : "-";

    private static double Median(List<double> values)
    {
        values.Sort();
        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double GeoMean(IEnumerable<double> ratios)
    {
        var list = ratios.ToList();
        return list.Count == 0 ? double.NaN : Math.Exp(list.Sum(Math.Log) / list.Count);
    }

    private sealed record Row(string Name, double Kiln, double Wasmtime, double? Native, double KilnCold, ModulePhases Phases, double WasmtimeCompileMs, int Wrong);
}
