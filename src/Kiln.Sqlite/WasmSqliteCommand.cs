using System.Data;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// A <see cref="SqliteCommand"/> that also runs the Wasm function statements (<c>CREATE [OR REPLACE] FUNCTION ...
/// LANGUAGE wasm</c>, <c>CREATE AGGREGATE</c>, <c>DROP FUNCTION</c>, <c>DROP AGGREGATE</c>) anywhere in its text:
/// it splits the text into statements, carries those out itself in order, and hands the statements between them to
/// SQLite unchanged. Text without them goes to SQLite as it is.
/// </summary>
/// <remarks>
/// <see cref="ExecuteReader(CommandBehavior)"/> returns the results of the statements after the last Wasm function
/// statement; those before it run for their effects only. Wasm functions are enabled on the connection with the
/// default options when they are not yet.
/// </remarks>
public sealed class WasmSqliteCommand : SqliteCommand
{
    /// <summary>Creates a command with <paramref name="commandText"/> on <paramref name="connection"/>.</summary>
    public WasmSqliteCommand(string? commandText = null, SqliteConnection? connection = null, SqliteTransaction? transaction = null)
        : base(commandText, connection, transaction)
    {
    }

    /// <inheritdoc/>
    public override int ExecuteNonQuery()
    {
        var segments = Segments();
        if (segments is null)
        {
            return base.ExecuteNonQuery();
        }

        int changes = -1;
        foreach (var segment in segments)
        {
            int n = Run(segment);
            if (n >= 0)
            {
                changes = Math.Max(changes, 0) + n;
            }
        }

        return changes;
    }

    /// <inheritdoc/>
    public override object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.Read() ? reader.GetValue(0) : null;
    }

    /// <inheritdoc/>
    public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
    {
        var segments = Segments();
        if (segments is null)
        {
            return base.ExecuteReader(behavior);
        }

        int last = segments.FindLastIndex(s => s.Statement is not null);
        for (int i = 0; i <= last; i++)
        {
            Run(segments[i]);
        }

        // Nothing after the last Wasm statement: an empty statement gives an empty reader, as SQLite does for ";".
        string rest = last + 1 < segments.Count ? segments[last + 1].Sql! : ";";
        return Passthrough(rest).ExecuteReader(behavior);
    }

    /// <summary>
    /// The command text cut into runs of ordinary SQL and single Wasm statements, in order; null when it has no Wasm
    /// statement (checked first by a cheap search for the keywords).
    /// </summary>
    private List<CommandSegment>? Segments()
    {
        string text = CommandText;
        if (string.IsNullOrEmpty(text)
            || (!text.Contains("FUNCTION", StringComparison.OrdinalIgnoreCase) && !text.Contains("AGGREGATE", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        List<SqlStatement> statements;
        try
        {
            statements = SqlStatementSplitter.Split(text);
        }
        catch (FormatException e)
        {
            throw new SqliteException(e.Message, SqliteErrorCodes.Error);
        }

        var segments = new List<CommandSegment>();
        bool any = false;
        int runStart = -1;
        int runEnd = -1;
        foreach (var statement in statements)
        {
            var ddl = WasmDdlParser.TryParse(text, statement);
            if (ddl is null)
            {
                runStart = runStart < 0 ? statement.Start : runStart;
                runEnd = statement.End;
                continue;
            }

            if (runStart >= 0)
            {
                segments.Add(new CommandSegment(text[runStart..runEnd], null));
                runStart = -1;
            }

            segments.Add(new CommandSegment(null, ddl));
            any = true;
        }

        if (runStart >= 0)
        {
            segments.Add(new CommandSegment(text[runStart..runEnd], null));
        }

        return any ? segments : null;
    }

    private int Run(CommandSegment segment)
    {
        if (segment.Statement is { } statement)
        {
            var connection = Connection ?? throw new InvalidOperationException("the command has no connection");
            (WasmFunctions.For(connection) ?? connection.EnableWasmFunctions()).Run(statement, Transaction);
            return -1;
        }

        using var command = Passthrough(segment.Sql!);
        return command.ExecuteNonQuery();
    }

    /// <summary>A plain command for ordinary SQL, sharing this command's connection, transaction, timeout and parameters.</summary>
    private SqliteCommand Passthrough(string sql)
    {
        var command = new SqliteCommand(sql, Connection, Transaction) { CommandTimeout = CommandTimeout };
        foreach (SqliteParameter p in Parameters)
        {
            command.Parameters.Add(new SqliteParameter(p.ParameterName, p.Value) { SqliteType = p.SqliteType, Size = p.Size });
        }

        return command;
    }
}
