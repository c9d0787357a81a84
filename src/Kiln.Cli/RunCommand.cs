using System.CommandLine;
using System.Globalization;
using Kiln.Wasi;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln run [options] MODULE [ARGS...]</c>: runs a WASI command (<c>_start</c>) with the process's stdio, or with
/// <c>--invoke FUNC</c> calls one export with numeric arguments and prints its results, one per line.
/// Exit status: the guest's <c>proc_exit</c> code (0 when <c>_start</c> returns); 134 after a trap (as Wasmtime),
/// including a guest stopped by <c>--fuel</c>, <c>--timeout</c> or <c>--max-stack</c>; 1 when the module cannot be
/// loaded or linked, or the command line is wrong.
/// </summary>
internal static class RunCommand
{
    /// <summary>Exit status after a trap: 128 + SIGABRT, what Wasmtime's CLI uses on Unix.</summary>
    public const int TrapExitCode = 134;

    public static Command Create()
    {
        var dirs = new Option<string[]>("--dir")
        {
            Description = "Give the guest the host directory HOST, named GUEST inside (default: HOST). Add :readonly after GUEST to refuse writes. Repeatable.",
            HelpName = "HOST[::GUEST]",
        };
        var env = new Option<string[]>("--env")
        {
            Description = "Set an environment variable for the guest, or pass the host's value of NAME. Repeatable.",
            HelpName = "NAME[=VALUE]",
        };
        var inheritEnv = new Option<bool>("--inherit-env") { Description = "Pass the whole host environment to the guest (--env settings override it)." };
        var argv0 = new Option<string?>("--argv0") { Description = "The guest's argv[0] (default: the module's file name).", HelpName = "NAME" };
        var invoke = new Option<string?>("--invoke")
        {
            Description = "Call the export FUNC with ARGS as its numeric arguments and print its results, one per line, instead of running _start.",
            HelpName = "FUNC",
        };
        var fuel = new Option<string?>("--fuel") { Description = "Meter the guest's instructions and trap once it has run N of them (Wasmtime's fuel).", HelpName = "N" };
        var timeout = new Option<string?>("--timeout") { Description = "Interrupt the guest DURATION after it starts: 500ms, 2s, 1m, 1h (units ns, us, ms, s, m, h).", HelpName = "DURATION" };
        var maxMemory = new Option<string?>("--max-memory")
        {
            Description = "Let each linear memory grow to at most SIZE bytes (suffixes K, M, G, or KiB, MiB, GiB: powers of 1024); memory.grow past it returns -1.",
            HelpName = "SIZE",
        };
        var maxStack = new Option<string?>("--max-stack")
        {
            Description = "Let the guest use SIZE bytes of native stack (default 4MiB; same suffixes as --max-memory); deeper recursion traps.",
            HelpName = "SIZE",
        };
        var module = new Argument<string>("MODULE") { Description = "The module to run: a .wasm binary, a .wat text file, or a .kiln file from kiln compile." };
        var args = new Argument<string[]>("ARGS")
        {
            Description = "Arguments for the guest (its argv after argv[0]), or for FUNC with --invoke. Options go before MODULE; put -- before guest arguments that are also kiln run options.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("run", "Run a WebAssembly module: a WASI command's _start, or one export with --invoke.")
        {
            dirs, env, inheritEnv, argv0, invoke, fuel, timeout, maxMemory, maxStack, module, args,
        };
        command.SetAction(r =>
        {
            RunOptions options;
            try
            {
                options = new RunOptions(r.GetValue(module)!)
                {
                    Args = r.GetValue(args) ?? [],
                    Dirs = r.GetValue(dirs) ?? [],
                    Env = r.GetValue(env) ?? [],
                    InheritEnv = r.GetValue(inheritEnv),
                    Argv0 = r.GetValue(argv0),
                    Invoke = r.GetValue(invoke),
                    Fuel = r.GetValue(fuel) is { } f ? ParseFuel(f) : null,
                    Timeout = r.GetValue(timeout) is { } t ? ParseDuration(t) : null,
                    MaxMemory = r.GetValue(maxMemory) is { } m ? ParseSize("--max-memory", m, long.MaxValue) : null,
                    MaxStack = r.GetValue(maxStack) is { } s ? (int)ParseSize("--max-stack", s, int.MaxValue) : null,
                };
            }
            catch (FormatException e)
            {
                r.InvocationConfiguration.Error.WriteLine("Error: " + e.Message);
                return 1;
            }

            return Run(options, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Runs the module as <paramref name="o"/> says; never throws: every failure is a message on <paramref name="error"/> and an exit status.</summary>
    public static int Run(RunOptions o, TextWriter output, TextWriter error)
    {
        try
        {
            return RunModule(o, output, error);
        }
        catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            error.WriteLine("Error: " + e.Message);
            return 1;
        }
        catch (Exception e)
        {
            // No guest may crash the host process: anything else is an engine failure, reported in one line.
            error.WriteLine($"Error: internal error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static int RunModule(RunOptions o, TextWriter output, TextWriter error)
    {
        var config = new EngineConfig { ConsumeFuel = o.Fuel is not null };
        if (o.MaxStack is int stack)
        {
            config.MaxWasmStack = stack;
        }

        var engine = new Engine(config);
        Module module;
        try
        {
            module = IsCompiled(o.Module) ? Module.DeserializeFile(engine, o.Module) : Module.FromFile(engine, o.Module);
        }
        catch (WasmException e)
        {
            error.WriteLine($"Error: failed to load {o.Module}: {e.Message}");
            return 1;
        }

        var linker = new Linker(engine);
        using var wasi = linker.DefineWasi(WasiOptionsFor(o));
        using var store = new Store<object?>(engine, null);
        if (o.Fuel is ulong fuel)
        {
            store.Fuel = fuel;
        }

        if (o.MaxMemory is long maxMemory)
        {
            store.Limits = new StoreLimits { MemoryBytes = maxMemory };
        }

        // The clock starts here, so the timeout covers the start function and _start but not loading the module.
        using var deadline = o.Timeout is TimeSpan timeout ? new CancellationTokenSource(timeout) : null;
        if (deadline is not null)
        {
            store.CancellationToken = deadline.Token;
        }

        try
        {
            var instance = linker.Instantiate(store, module);
            return o.Invoke is { } name ? RunInvoke.Call(instance, name, o.Args, output, wasi) : Start(instance, wasi, error);
        }
        catch (TrapException e) when (KilnWasiContext.ExitCodeOf(e) is int code)
        {
            wasi.Flush();
            return code;
        }
        catch (TrapException e)
        {
            wasi.Flush();
            ReportTrap(e, error);
            return TrapExitCode;
        }
    }

    /// <summary>True when <paramref name="path"/> is a <c>.kiln</c> file, told by its first bytes, not its name.</summary>
    private static bool IsCompiled(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length && Module.IsSerialized(magic);
    }

    private static int Start(ModuleInstance instance, KilnWasiContext wasi, TextWriter error)
    {
        if (instance.GetFunction("_start") is null)
        {
            error.WriteLine("Error: the module exports no _start function (use --invoke FUNC to call another export)");
            return 1;
        }

        return wasi.RunCommand(instance);
    }

    /// <summary>Prints <c>Error: MESSAGE</c> and the Wasm backtrace, innermost frame first.</summary>
    public static void ReportTrap(TrapException e, TextWriter error)
    {
        error.WriteLine("Error: " + e.Reason);
        var frames = e.WasmBacktrace;
        if (frames.Count > 0)
        {
            error.WriteLine("wasm backtrace:");
            for (int i = 0; i < frames.Count; i++)
            {
                error.WriteLine($"  {i,3}: {frames[i]}");
            }
        }
    }

    private static WasiOptions WasiOptionsFor(RunOptions o)
    {
        var options = new WasiOptions { Stdin = o.Stdin, Stdout = o.Stdout, Stderr = o.Stderr };
        options.Args.Add(o.Argv0 ?? Path.GetFileName(o.Module));
        if (o.Invoke is null)
        {
            foreach (var a in o.Args)
            {
                options.Args.Add(a);
            }
        }

        var env = new List<KeyValuePair<string, string>>();
        if (o.InheritEnv)
        {
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            {
                env.Add(new((string)e.Key, (string?)e.Value ?? ""));
            }

            env.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        foreach (var setting in o.Env)
        {
            int eq = setting.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? setting : setting[..eq];
            string? value = eq < 0 ? Environment.GetEnvironmentVariable(name) : setting[(eq + 1)..];
            if (name.Length == 0)
            {
                throw new ArgumentException($"--env {setting}: the variable needs a name");
            }

            env.RemoveAll(kv => kv.Key == name);
            if (value is not null)
            {
                env.Add(new(name, value));
            }
        }

        foreach (var kv in env)
        {
            options.Environment.Add(kv);
        }

        foreach (var dir in o.Dirs)
        {
            options.Preopens.Add(ParseDir(dir));
        }

        return options;
    }

    /// <summary><c>--fuel N</c>: a non-negative integer.</summary>
    internal static ulong ParseFuel(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)
            ? n
            : throw new FormatException($"--fuel {text}: expected a non-negative integer");

    /// <summary><c>--timeout DURATION</c>: a positive number with a unit, as Wasmtime's <c>-W timeout=</c> takes (500ms, 2s, 1m).</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        int unit = text.Length;
        while (unit > 0 && char.IsAsciiLetter(text[unit - 1]))
        {
            unit--;
        }

        double ticksPerUnit = text[unit..] switch
        {
            "ns" => 0.01,
            "us" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0,
        };
        if (ticksPerUnit == 0
            || !double.TryParse(text[..unit], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
            || amount * ticksPerUnit < 1
            || amount * ticksPerUnit > int.MaxValue * (double)TimeSpan.TicksPerMillisecond)
        {
            throw new FormatException($"--timeout {text}: expected a positive duration with a unit, e.g. 500ms, 2s, 1m");
        }

        return TimeSpan.FromTicks((long)(amount * ticksPerUnit));
    }

    /// <summary>A byte count: digits with an optional K, M, G suffix (also KB/KiB, ...), all powers of 1024.</summary>
    internal static long ParseSize(string flag, string text, long max)
    {
        int unit = text.Length;
        while (unit > 0 && char.IsAsciiLetter(text[unit - 1]))
        {
            unit--;
        }

        int shift = text[unit..].ToUpperInvariant() switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            _ => -1,
        };
        if (shift < 0 || !long.TryParse(text[..unit], NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n > max >> shift)
        {
            throw new FormatException($"{flag} {text}: expected a positive size in bytes, e.g. 65536, 64K, 16MiB, 1G (at most {max} bytes)");
        }

        return n << shift;
    }

    /// <summary><c>HOST</c>, <c>HOST::GUEST</c> or <c>HOST::GUEST:readonly</c>.</summary>
    internal static WasiPreopen ParseDir(string spec)
    {
        int sep = spec.IndexOf("::", StringComparison.Ordinal);
        string host = sep < 0 ? spec : spec[..sep];
        string guest = sep < 0 ? spec : spec[(sep + 2)..];
        bool readOnly = false;
        const string ReadOnlySuffix = ":readonly";
        if (sep >= 0 && guest.EndsWith(ReadOnlySuffix, StringComparison.Ordinal))
        {
            readOnly = true;
            guest = guest[..^ReadOnlySuffix.Length];
        }

        if (host.Length == 0 || guest.Length == 0)
        {
            throw new ArgumentException($"--dir {spec}: expected HOST or HOST::GUEST");
        }

        if (!Directory.Exists(host))
        {
            throw new ArgumentException($"--dir {spec}: no such directory: {host}");
        }

        return new WasiPreopen(host, guest, readOnly);
    }

    internal static string Format(object? value, CultureInfo culture) => value switch
    {
        null => "null",
        float f when float.IsNaN(f) => "NaN",
        float f when float.IsInfinity(f) => f > 0 ? "inf" : "-inf",
        double d when double.IsNaN(d) => "NaN",
        double d when double.IsInfinity(d) => d > 0 ? "inf" : "-inf",
        float f => f.ToString("R", culture),
        double d => d.ToString("R", culture),
        System.Runtime.Intrinsics.Vector128<byte> v => "0x" + Convert.ToHexStringLower(Enumerable.Range(0, 16).Select(i => v[15 - i]).ToArray()),
        IFormattable n => n.ToString(null, culture),
        Function f => "<funcref " + f + ">",
        _ => "<externref>",
    };
}
