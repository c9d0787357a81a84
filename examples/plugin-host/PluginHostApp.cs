using System.Globalization;

namespace Kiln.Examples.PluginHost;

/// <summary>
/// <c>dotnet run --project examples/plugin-host -- [folder] [input] [--fuel N] [--timeout 500ms|2s] [--max-memory 16MiB] [--config key=value]...</c>:
/// calls every plugin in the folder (default: the <c>plugins</c> folder beside this project) with the input and prints
/// what each returned, logged, or why it was stopped.
/// </summary>
public static class PluginHostApp
{
    /// <summary>The default input.</summary>
    public const string DefaultInput = "WebAssembly plugins on Kiln";

    /// <summary>Runs the host with the process's console.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the host, writing the report to <paramref name="output"/>; returns the exit code (2: bad arguments or
    /// folder). <paramref name="clock"/> is what plugins see through <c>host.now</c> (default: the system clock).
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var positional = new List<string>();
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["greet.greeting"] = "Hello",
        };
        var defaults = new PluginHostOptions();
        ulong fuel = defaults.Fuel;
        TimeSpan timeout = defaults.Timeout;
        long maxMemory = defaults.MaxMemoryBytes;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--fuel":
                        fuel = ulong.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                        break;
                    case "--timeout":
                        timeout = ParseDuration(Value(args, ref i));
                        break;
                    case "--max-memory":
                        maxMemory = ParseSize(Value(args, ref i));
                        break;
                    case "--config":
                        string pair = Value(args, ref i);
                        int eq = pair.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0)
                        {
                            throw new FormatException($"--config wants key=value, got \"{pair}\"");
                        }

                        config[pair[..eq]] = pair[(eq + 1)..];
                        break;
                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal))
                        {
                            throw new FormatException($"unknown option {args[i]}");
                        }

                        positional.Add(args[i]);
                        break;
                }
            }

            if (positional.Count > 2)
            {
                throw new FormatException("expected at most a folder and an input");
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            error.WriteLine($"Error: {e.Message}");
            error.WriteLine("usage: plugin-host [folder] [input] [--fuel N] [--timeout 500ms|2s] [--max-memory 16MiB] [--config key=value]...");
            return 2;
        }

        string folder = positional.Count > 0 ? positional[0] : DefaultFolder();
        string input = positional.Count > 1 ? positional[1] : DefaultInput;
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"Error: no folder {folder}");
            return 2;
        }

        var host = new PluginHost(new PluginHostOptions
        {
            Fuel = fuel,
            Timeout = timeout,
            MaxMemoryBytes = maxMemory,
            Config = config,
            Clock = clock ?? defaults.Clock,
        });
        var results = host.RunAll(folder, input);
        output.WriteLine($"{results.Count} plugins from {folder}; each call: {(fuel > 0 ? $"{fuel} fuel, " : "")}{timeout.TotalMilliseconds} ms, {maxMemory >> 10} KiB of memory");
        output.WriteLine($"input: \"{input}\"");
        foreach (var r in results)
        {
            Print(r, output);
        }

        return 0;
    }

    /// <summary>Parses <c>250ms</c>, <c>2s</c>, <c>1m</c> or a number of milliseconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
        {
            throw new FormatException($"not a duration: \"{text}\" (e.g. 500ms, 2s)");
        }

        return TimeSpan.FromMilliseconds(value * scale);
    }

    /// <summary>Parses <c>64MiB</c>, <c>64M</c>, <c>512KiB</c> or a number of bytes.</summary>
    public static long ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string number = text.TrimEnd('B', 'i');
        long scale = 1;
        if (number.Length > 0 && "KMG".Contains(number[^1], StringComparison.Ordinal))
        {
            scale = number[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            number = number[..^1];
        }

        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0)
        {
            throw new FormatException($"not a size: \"{text}\" (e.g. 16MiB)");
        }

        return checked(value * scale);
    }

    private static void Print(PluginResult r, TextWriter output)
    {
        string detail = r.Outcome == PluginOutcome.Ok ? $"\"{r.Output}\"" : r.Output;
        string cost = r.Outcome == PluginOutcome.Rejected ? "" : $"  [{(r.FuelUsed > 0 ? $"{r.FuelUsed} fuel, " : "")}{r.Elapsed.TotalMilliseconds:0.0} ms]";
        output.WriteLine($"{r.Plugin,-12} {r.Outcome.ToString().ToLowerInvariant(),-8} {detail}{cost}");
        foreach (var frame in r.Backtrace)
        {
            output.WriteLine($"    at {frame}");
        }

        foreach (var line in r.Log)
        {
            output.WriteLine($"    log: {line}");
        }
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");

    /// <summary>The plugins folder beside the project, found from the build output (bin/...) or the working directory.</summary>
    private static string DefaultFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "plugins");
            if (File.Exists(Path.Combine(dir.FullName, "PluginHost.csproj")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("examples", "plugin-host", "plugins");
    }
}
