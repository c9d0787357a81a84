using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>Wasm user-defined functions for Microsoft.Data.Sqlite connections.</summary>
public static class WasmSqliteExtensions
{
    /// <summary>
    /// Registers the Wasm functions kept in the open <paramref name="connection"/>'s database and returns the object
    /// that runs <c>CREATE FUNCTION ... LANGUAGE wasm</c> on it (<see cref="WasmFunctions.Execute"/>,
    /// <see cref="WasmFunctions.CreateCommand"/>). Calling it again returns the same object.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="options">The sandbox limits; <see cref="WasmFunctionOptions.Default"/> when null.</param>
    /// <exception cref="InvalidOperationException">The connection is not open, or was enabled with other options.</exception>
    /// <exception cref="SqliteException">The catalog cannot be read.</exception>
    public static WasmFunctions EnableWasmFunctions(this SqliteConnection connection, WasmFunctionOptions? options = null) =>
        WasmFunctions.Enable(connection, options);
}
