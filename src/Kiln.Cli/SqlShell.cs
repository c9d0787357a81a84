using System.Text;
using Kiln.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kiln.Cli;

/// <summary>
/// Runs SQL for <c>kiln sql</c>: statement by statement, printing each query's rows; and the line-by-line loop that
/// reads standard input, with a prompt and dot-commands (<c>.tables</c>, <c>.functions</c>, <c>.quit</c>) when interactive.
/// </summary>
internal sealed class SqlShell
{
    private const string Help = """
        Enter SQL statements ending with ';'. Wasm functions:
          CREATE [OR REPLACE] FUNCTION name(type, ...) RETURNS type AS 'file.wasm' LANGUAGE wasm [EXPORT 'symbol']
          CREATE [OR REPLACE] AGGREGATE name(type, ...) RETURNS type AS 'file.wasm' LANGUAGE wasm [EXPORT 'prefix']
          DROP FUNCTION|AGGREGATE [IF EXISTS] name
        Commands:
          .functions   list the Wasm functions
          .tables      list the tables
          .help        show this text
          .quit        leave (also .exit or end of input)
        """;

    private readonly WasmFunctions _functions;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public SqlShell(WasmFunctions functions, TextWriter output, TextWriter error)
    {
        _functions = functions;
        _output = output;
        _error = error;
    }

    /// <summary>The message of a failed statement: SQLite's own text without Microsoft.Data.Sqlite's "SQLite Error 1: '...'" wrapping.</summary>
    public static string Message(Exception e)
    {
        string m = e.Message;
        const string Prefix = "SQLite Error ";
        if (e is SqliteException && m.StartsWith(Prefix, StringComparison.Ordinal) && m.IndexOf(": '", StringComparison.Ordinal) is int q and > 0 && m.EndsWith("'.", StringComparison.Ordinal))
        {
            return m[(q + 3)..^2];
        }

        return m;
    }

    /// <summary>Runs every statement of <paramref name="sql"/> in order; false (after printing the error) at the first that fails.</summary>
    public bool RunScript(string sql)
    {
        try
        {
            foreach (var statement in SqlScript.Split(sql))
            {
                using var command = _functions.CreateCommand(statement);
                using var reader = command.ExecuteReader();
                if (reader.FieldCount > 0)
                {
                    SqlTablePrinter.Print(reader, _output);
                }
            }

            return true;
        }
        catch (Exception e) when (e is SqliteException or FormatException or InvalidOperationException)
        {
            _error.WriteLine("Error: " + Message(e));
            return false;
        }
    }

    /// <summary>
    /// Reads statements from <paramref name="input"/> until it ends or <c>.quit</c>. Interactive: prompts, and errors
    /// do not stop it (exit status 0). Otherwise: no prompts, and the first error stops it (exit status 1).
    /// </summary>
    public int Run(TextReader input, bool interactive)
    {
        if (interactive)
        {
            _output.WriteLine("kiln sql: SQLite with WebAssembly functions. End statements with ';'. Type .help for help.");
        }

        var pending = new StringBuilder();
        while (true)
        {
            if (interactive)
            {
                _output.Write(pending.Length == 0 ? "kiln> " : "  ...> ");
                _output.Flush();
            }

            string? line = input.ReadLine();
            if (line is null)
            {
                if (pending.ToString().Trim().Length > 0 && !RunScript(pending.ToString()) && !interactive)
                {
                    return 1;
                }

                return 0;
            }

            if (pending.Length == 0 && line.TrimStart().StartsWith('.'))
            {
                if (!DotCommand(line.Trim()))
                {
                    return 0;
                }

                continue;
            }

            pending.AppendLine(line);
            if (!SqlScript.IsComplete(pending.ToString()))
            {
                continue;
            }

            bool ok = RunScript(pending.ToString());
            pending.Clear();
            if (!ok && !interactive)
            {
                return 1;
            }
        }
    }

    /// <summary>Runs a dot-command; false for <c>.quit</c>.</summary>
    private bool DotCommand(string line)
    {
        switch (line.Split(' ', 2)[0])
        {
            case ".quit" or ".exit":
                return false;
            case ".help":
                _output.WriteLine(Help);
                break;
            case ".tables":
                RunScript("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name");
                break;
            case ".functions":
                foreach (var f in _functions.Functions)
                {
                    _output.WriteLine((f.IsAggregate ? "aggregate " : "function ") + f.Signature);
                }

                break;
            default:
                _error.WriteLine($"Error: unknown command {line.Split(' ', 2)[0]}: try .help");
                break;
        }

        return true;
    }
}
