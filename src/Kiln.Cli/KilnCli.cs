using System.CommandLine;
using System.CommandLine.Help;

namespace Kiln.Cli;

/// <summary>The <c>kiln</c> command line: its commands and their options.</summary>
internal static class KilnCli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command, writing to the given writers; returns the exit status.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // A named command, not RootCommand: that takes its name from the entry assembly, Kiln.Cli (see README).
        var root = new Command("kiln", "Kiln: a WebAssembly runtime for .NET.")
        {
            new HelpOption(),
            new VersionOption(),
            RunCommand.Create(),
            CompileCommand.Create(),
            InspectCommand.Create(),
            ServeCommand.Create(),
            SqlCommand.Create(),
            WastCommand.Create(),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
