using System.CommandLine;

namespace Kiln.Cli;

/// <summary>The <c>kiln</c> command line: its commands and their options.</summary>
internal static class KilnCli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command, writing to the given writers; returns the exit status.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Kiln: a WebAssembly runtime for .NET.")
        {
            RunCommand.Create(),
            CompileCommand.Create(),
            ServeCommand.Create(),
            SqlCommand.Create(),
            WastCommand.Create(),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
