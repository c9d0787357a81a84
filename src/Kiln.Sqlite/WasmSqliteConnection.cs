using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// A <see cref="SqliteConnection"/> with Wasm functions: enabled when it opens, and every command it creates
/// (including through <see cref="System.Data.Common.DbConnection.CreateCommand"/>, so data-access libraries too)
/// is a <see cref="WasmSqliteCommand"/> that understands <c>CREATE FUNCTION ... LANGUAGE wasm</c>.
/// </summary>
public class WasmSqliteConnection : SqliteConnection
{
    /// <summary>Creates a connection for <paramref name="connectionString"/> whose functions run under <paramref name="options"/>.</summary>
    public WasmSqliteConnection(string? connectionString = null, WasmFunctionOptions? options = null)
        : base(connectionString)
    {
        Options = options ?? WasmFunctionOptions.Default;
    }

    /// <summary>The sandbox limits of the connection's Wasm functions.</summary>
    public WasmFunctionOptions Options { get; }

    /// <summary>The connection's Wasm functions; null until it is first opened.</summary>
    public WasmFunctions? Functions => WasmFunctions.For(this);

    /// <inheritdoc/>
    public override void Open()
    {
        base.Open();
        this.EnableWasmFunctions(Options);
    }

    /// <inheritdoc/>
    public override SqliteCommand CreateCommand()
    {
        // The base command carries the connection's current transaction, which this one must share.
        using var plain = base.CreateCommand();
        return new WasmSqliteCommand(null, this, plain.Transaction) { CommandTimeout = plain.CommandTimeout };
    }
}
