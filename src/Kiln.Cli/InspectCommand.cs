using System.CommandLine;
using Kiln.Inspection;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln inspect [--json] [--functions N] MODULE</c>: describes a <c>.wasm</c>, <c>.wat</c> or <c>.kiln</c> module
/// (see <see cref="ModuleSummary"/>). Exit status 0 for a valid module, 1 for an invalid one (described all the same)
/// or one that cannot be read, with a one-line message.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the description as JSON (every function, not only the largest)." };
        var functions = new Option<int>("--functions")
        {
            Description = "How many of the largest functions to list (default 10; 0 for none).",
            HelpName = "N",
            DefaultValueFactory = _ => 10,
        };
        var module = new Argument<string>("MODULE") { Description = "The module to describe: a .wasm binary, a .wat text file, or a .kiln file from kiln compile." };
        var command = new Command("inspect", "Describe a WebAssembly module: sections, imports, exports, memories, functions and their sizes, toolchain.")
        {
            json, functions, module,
        };
        command.SetAction(r => Run(r.GetValue(module)!, r.GetValue(json), r.GetValue(functions), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Describes the module at <paramref name="path"/>; never throws.</summary>
    public static int Run(string path, bool json, int largestFunctions, TextWriter output, TextWriter error)
    {
        try
        {
            var summary = ModuleSummary.FromFile(path);
            if (json)
            {
                using var buffer = new MemoryStream();
                summary.WriteJson(buffer);
                output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            else
            {
                summary.WriteText(output, largestFunctions);
            }

            return summary.ValidationError is null ? 0 : 1;
        }
        catch (WasmException e)
        {
            error.WriteLine($"Error: failed to read {path}: {e.Message}");
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
