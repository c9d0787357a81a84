using System.CommandLine;
using Kiln.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kiln.Cli;

/// <summary>
/// <c>kiln sql DATABASE [-e SQL]...</c>: runs SQL on a SQLite database with Wasm user-defined functions
/// (<c>CREATE FUNCTION ... LANGUAGE wasm</c>, see docs/sqlite.md) and prints each query's rows as a table. Without
/// <c>-e</c> it reads statements from standard input: a shell with a prompt on a terminal, a script otherwise.
/// Exit status: 0, or 1 after the first failing statement (in the interactive shell errors are printed and it goes on).
/// </summary>
internal static class SqlCommand
{
    public static Command Create()
    {
        var database = new Argument<string>("DATABASE") { Description = "The SQLite database file (created when missing), or :memory:." };
        var execute = new Option<string[]>("--execute", "-e")
        {
            Description = "Run SQL (one or more statements) and print the rows of each query. Repeatable, run in order. Without it, SQL is read from standard input.",
            HelpName = "SQL",
        };
        var fuel = new Option<string?>("--fuel") { Description = "Stop a Wasm function call after N units of fuel (about N instructions).", HelpName = "N" };
        var timeout = new Option<string?>("--timeout") { Description = "Stop a Wasm function call after DURATION (default 1s; e.g. 500ms, 2s).", HelpName = "DURATION" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Cap each Wasm function's memory at SIZE (default 64MiB; e.g. 16MiB).", HelpName = "SIZE" };
        var moduleDir = new Option<string?>("--module-dir") { Description = "Resolve relative module paths of CREATE FUNCTION against DIR (default: the current directory).", HelpName = "DIR" };
        var command = new Command("sql", "Run SQL on a SQLite database with WebAssembly user-defined functions.")
        {
            database, execute, fuel, timeout, maxMemory, moduleDir,
        };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            var error = r.InvocationConfiguration.Error;
            WasmFunctionOptions functions;
            try
            {
                functions = WasmFunctionOptions.Default with
                {
                    Fuel = r.GetValue(fuel) is { } f ? SqlLimitParser.Count(f) : null,
                    Timeout = r.GetValue(timeout) is { } t ? SqlLimitParser.Duration(t) : WasmFunctionOptions.Default.Timeout,
                    MaxMemoryBytes = r.GetValue(maxMemory) is { } m ? SqlLimitParser.Size(m) : WasmFunctionOptions.Default.MaxMemoryBytes,
                    ModuleDirectory = r.GetValue(moduleDir),
                };
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                error.WriteLine("Error: " + e.Message);
                return 1;
            }

            var options = new SqlOptions(r.GetValue(database)!, r.GetValue(execute) ?? [], functions);
            return Run(options, Console.In, interactive: options.Execute.Count == 0 && !Console.IsInputRedirected, output, error);
        });
        return command;
    }

    /// <summary>Opens the database and runs <paramref name="o"/>'s SQL, or the statements read from <paramref name="input"/>.</summary>
    public static int Run(SqlOptions o, TextReader input, bool interactive, TextWriter output, TextWriter error)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = o.Database, Pooling = false };
        try
        {
            using var connection = new SqliteConnection(builder.ConnectionString);
            connection.Open();
            var shell = new SqlShell(connection.EnableWasmFunctions(o.Functions), output, error);
            if (o.Execute.Count > 0)
            {
                return o.Execute.All(shell.RunScript) ? 0 : 1;
            }

            return shell.Run(input, interactive);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            error.WriteLine("Error: " + SqlShell.Message(e));
            return 1;
        }
    }
}
