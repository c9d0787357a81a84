using Wasmtime;

namespace WasmtimeRun;

/// <summary>
/// A <c>wasmtime run</c>-like command on the Wasmtime .NET package (its own WASI, in process):
/// <c>WasmtimeRun [--dir HOST[::GUEST]]... [--env NAME[=VALUE]]... [--argv0 NAME] MODULE [ARGS...]</c>.
/// stdin/stdout/stderr are the process's; the exit status is the guest's <c>proc_exit</c> code, 0 when <c>_start</c>
/// returns, 134 after a trap and 1 when the module cannot be loaded or linked — the same conventions as <c>kiln run</c>,
/// so the two can be compared byte for byte.
/// </summary>
internal static class Runner
{
    /// <summary>128 + SIGABRT: what the wasmtime CLI exits with after a trap on Unix.</summary>
    private const int TrapExitCode = 134;

    private const string Usage = "usage: WasmtimeRun [--dir HOST[::GUEST]]... [--env NAME[=VALUE]]... [--argv0 NAME] MODULE [ARGS...]";

    public static int Run(string[] argv)
    {
        RunSpec spec;
        try
        {
            spec = RunSpec.Parse(argv);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("Error: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 1;
        }

        using var engine = new Engine();
        Module module;
        try
        {
            module = Module.FromFile(engine, spec.Module);
        }
        catch (Exception e) when (e is WasmtimeException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Error: failed to load {spec.Module}: {e.Message}");
            return 1;
        }

        using (module)
        using (var linker = new Linker(engine))
        using (var store = new Store(engine))
        {
            linker.DefineWasi();
            var config = new WasiConfiguration()
                .WithArgs([spec.Argv0 ?? Path.GetFileName(spec.Module), .. spec.Args])
                .WithEnvironmentVariables(spec.Env)
                .WithInheritedStandardInput()
                .WithInheritedStandardOutput()
                .WithInheritedStandardError();
            foreach (var (host, guest, readOnly) in spec.Dirs)
            {
                config = config.WithPreopenedDirectory(host, guest, !readOnly);
            }
            store.SetWasiConfiguration(config);
            try
            {
                var instance = linker.Instantiate(store, module);
                var start = instance.GetAction("_start");
                if (start is null)
                {
                    Console.Error.WriteLine("Error: the module exports no _start function");
                    return 1;
                }
                start();
                return 0;
            }
            catch (WasmtimeException e) when (e.ExitCode is int code)
            {
                return code;
            }
            catch (TrapException e)
            {
                Console.Error.WriteLine("Error: " + e.Message);
                return TrapExitCode;
            }
            catch (WasmtimeException e)
            {
                // Linking failures (an unknown import) surface here, before the guest runs.
                Console.Error.WriteLine("Error: " + e.Message);
                return 1;
            }
        }
    }
}
