using System.CommandLine;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln compile [--fuel] MODULE [-o OUT]</c>: compiles every function of a module ahead of time and writes a
/// <c>.kiln</c> file (the module and its code as a .NET assembly, see <see cref="Module.Serialize"/>) that
/// <c>kiln run</c> starts without generating IL. Exit status 0, or 1 with a message when the module cannot be loaded or
/// compiled or the file cannot be written.
/// </summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the compiled module (default: MODULE with the extension .kiln).",
            HelpName = "OUT",
        };
        var fuel = new Option<bool>("--fuel") { Description = "Compile with fuel metering, for kiln run --fuel (code without it refuses to run metered)." };
        var module = new Argument<string>("MODULE") { Description = "The module to compile: a .wasm binary or a .wat text file." };
        var command = new Command("compile", "Compile a WebAssembly module ahead of time into a .kiln file that kiln run starts faster.")
        {
            fuel, output, module,
        };
        command.SetAction(r => Run(r.GetValue(module)!, r.GetValue(output), r.GetValue(fuel), r.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Compiles <paramref name="path"/> to <paramref name="output"/> (default: beside it, as <c>.kiln</c>); never throws.</summary>
    public static int Run(string path, string? output, bool consumeFuel, TextWriter error)
    {
        output ??= Path.ChangeExtension(path, ".kiln");
        try
        {
            var module = Module.FromFile(new Engine(new EngineConfig { ConsumeFuel = consumeFuel }), path);
            byte[] image = module.Serialize();
            File.WriteAllBytes(output, image);
            return 0;
        }
        catch (WasmException e)
        {
            error.WriteLine($"Error: failed to load {path}: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            error.WriteLine($"Error: cannot compile {path} ahead of time: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("Error: " + e.Message);
        }
        catch (Exception e)
        {
            // As kiln run: an engine failure is one line, not a crash with a stack trace.
            error.WriteLine($"Error: internal error: {e.GetType().Name}: {e.Message}");
        }

        return 1;
    }
}
