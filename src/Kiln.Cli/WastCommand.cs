using System.CommandLine;
using Kiln.Wast;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln wast PATH... [--json FILE]</c>: runs spec test scripts, printing <c>PASS file (n)</c> or
/// <c>FAIL file (p/n)</c> with the first failures per file, and last <c>N passed, M failed</c> (assertions).
/// </summary>
internal static class WastCommand
{
    /// <summary>How many failures are printed under a failing file (the JSON report has them all).</summary>
    private const int FailuresShown = 5;

    /// <summary>Longest failure message printed; longer ones are cut.</summary>
    private const int MessageWidth = 300;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A .wast script, or a folder searched recursively for them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write per-file results as JSON to FILE (file names relative to the folder given).",
            HelpName = "FILE",
        };
        var command = new Command("wast", "Run WebAssembly spec test scripts (.wast) and report each assertion.")
        {
            paths,
            json,
        };
        command.SetAction(result => Run(
            result.GetValue(paths) ?? [],
            result.GetValue(json),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs every script found under <paramref name="paths"/>; 0 when all pass, 1 otherwise.</summary>
    public static int Run(IReadOnlyList<string> paths, string? jsonPath, TextWriter output, TextWriter error)
    {
        var scripts = new List<(string Path, string Name)>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.wast", SearchOption.AllDirectories)
                    .Select(f => (f, Path.GetRelativePath(path, f).Replace('\\', '/')))
                    .OrderBy(f => f.Item2, StringComparer.Ordinal);
                scripts.AddRange(found);
            }
            else if (File.Exists(path))
            {
                scripts.Add((path, Path.GetFileName(path)));
            }
            else
            {
                error.WriteLine($"kiln wast: no such file or folder: {path}");
                return 1;
            }
        }

        var results = RunAll(scripts, output);
        int passed = results.Sum(r => r.Passed);
        int failed = results.Sum(r => r.Failed);
        if (jsonPath is not null)
        {
            try
            {
                WastJsonReport.Write(jsonPath, results);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"kiln wast: cannot write {jsonPath}: {ex.Message}");
                return 1;
            }
        }

        output.WriteLine($"{passed} passed, {failed} failed");
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    /// <summary>Runs the scripts on all cores, printing each result in input order as soon as it and those before it are done.</summary>
    private static WastFileResult[] RunAll(List<(string Path, string Name)> scripts, TextWriter output)
    {
        var runner = new WastRunner();
        var results = new WastFileResult[scripts.Count];
        int nextToRun = -1, nextToPrint = 0;
        var gate = new object();
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref nextToRun)) < scripts.Count)
            {
                var result = runner.RunFile(scripts[i].Path, scripts[i].Name);
                lock (gate)
                {
                    results[i] = result;
                    while (nextToPrint < results.Length && results[nextToPrint] is { } ready)
                    {
                        Print(ready, output);
                        nextToPrint++;
                    }
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(Environment.ProcessorCount, scripts.Count)))
            .Select(_ => new Thread(Work) { IsBackground = true })
            .ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return results;
    }

    private static void Print(WastFileResult result, TextWriter output)
    {
        int total = result.Passed + result.Failed;
        output.WriteLine(result.Succeeded ? $"PASS {result.File} ({total})" : $"FAIL {result.File} ({result.Passed}/{total})");
        foreach (var failure in result.Failures.Take(FailuresShown))
        {
            string message = failure.Message.ReplaceLineEndings(" ");
            if (message.Length > MessageWidth)
            {
                message = string.Concat(message.AsSpan(0, MessageWidth), "...");
            }

            output.WriteLine($"  line {failure.Line}: {failure.Command}: {message}");
        }

        if (result.Failures.Count > FailuresShown)
        {
            output.WriteLine($"  ... and {result.Failures.Count - FailuresShown} more");
        }
    }
}
