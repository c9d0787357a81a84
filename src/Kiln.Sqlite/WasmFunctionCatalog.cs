using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// The tables in the database that keep its Wasm functions, so that they come back when it is opened again and the
/// database file alone is enough (modules are stored too, once per distinct content):
/// <code>
/// kiln_wasm_modules(sha256 TEXT PRIMARY KEY, name TEXT, bytes BLOB)
/// kiln_wasm_functions(name TEXT PRIMARY KEY COLLATE NOCASE, kind TEXT, parameters TEXT, returns TEXT,
///                     export TEXT, on_null_input TEXT, deterministic INTEGER, module TEXT REFERENCES kiln_wasm_modules)
/// </code>
/// They are created by the first <c>CREATE FUNCTION</c>, not before, so reading a database never writes to it.
/// </summary>
internal static class WasmFunctionCatalog
{
    /// <summary>The table of functions.</summary>
    public const string FunctionsTable = "kiln_wasm_functions";

    /// <summary>The table of modules.</summary>
    public const string ModulesTable = "kiln_wasm_modules";

    private const string Schema = $"""
        CREATE TABLE IF NOT EXISTS {ModulesTable}(
            sha256 TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            bytes BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS {FunctionsTable}(
            name TEXT PRIMARY KEY COLLATE NOCASE,
            kind TEXT NOT NULL CHECK (kind IN ('function', 'aggregate')),
            parameters TEXT NOT NULL,
            returns TEXT NOT NULL,
            export TEXT NOT NULL,
            on_null_input TEXT NOT NULL CHECK (on_null_input IN ('returns null', 'called')),
            deterministic INTEGER NOT NULL,
            module TEXT NOT NULL REFERENCES {ModulesTable}(sha256));
        """;

    /// <summary>Every function in the catalog of <paramref name="connection"/>'s main database; none when it has no catalog.</summary>
    public static List<CatalogEntry> Load(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var entries = new List<CatalogEntry>();
        using var exists = Command(connection, transaction, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{FunctionsTable}'");
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return entries;
        }

        using var select = Command(connection, transaction, $"""
            SELECT f.name, f.kind, f.parameters, f.returns, f.export, f.on_null_input, f.deterministic, m.name, m.sha256, m.bytes
            FROM {FunctionsTable} f JOIN {ModulesTable} m ON m.sha256 = f.module ORDER BY f.name
            """);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            string name = reader.GetString(0);
            var parameters = reader.GetString(2).Length == 0
                ? []
                : reader.GetString(2).Split(',').Select(t => SqlTypes.Parse(t) ?? throw Corrupt(name, "parameters")).ToList();
            var definition = new WasmFunctionDefinition(
                name,
                reader.GetString(1) == "aggregate",
                parameters,
                SqlTypes.Parse(reader.GetString(3)) ?? throw Corrupt(name, "returns"),
                reader.GetString(4),
                reader.GetString(5) == "called",
                reader.GetInt64(6) != 0);
            entries.Add(new CatalogEntry(definition, reader.GetString(7), reader.GetString(8), (byte[])reader.GetValue(9)));
        }

        return entries;
    }

    /// <summary>Adds or replaces <paramref name="entry"/>, creating the catalog tables when needed.</summary>
    public static void Save(SqliteConnection connection, SqliteTransaction? transaction, CatalogEntry entry)
    {
        var d = entry.Definition;
        using var command = Command(connection, transaction, Schema + $"""
            INSERT OR IGNORE INTO {ModulesTable}(sha256, name, bytes) VALUES ($sha256, $module, $bytes);
            DELETE FROM {FunctionsTable} WHERE name = $name;
            INSERT INTO {FunctionsTable}(name, kind, parameters, returns, export, on_null_input, deterministic, module)
            VALUES ($name, $kind, $parameters, $returns, $export, $null, $deterministic, $sha256);
            """);
        command.Parameters.AddWithValue("$sha256", entry.Sha256);
        command.Parameters.AddWithValue("$module", entry.ModuleName);
        command.Parameters.AddWithValue("$bytes", entry.Bytes);
        command.Parameters.AddWithValue("$name", d.Name);
        command.Parameters.AddWithValue("$kind", d.IsAggregate ? "aggregate" : "function");
        command.Parameters.AddWithValue("$parameters", string.Join(",", d.Parameters.Select(SqlTypes.Name)));
        command.Parameters.AddWithValue("$returns", SqlTypes.Name(d.Returns));
        command.Parameters.AddWithValue("$export", d.Export);
        command.Parameters.AddWithValue("$null", d.CalledOnNullInput ? "called" : "returns null");
        command.Parameters.AddWithValue("$deterministic", d.IsDeterministic ? 1 : 0);
        command.ExecuteNonQuery();
        DeleteUnusedModules(connection, transaction);
    }

    /// <summary>Removes the function <paramref name="name"/> and its module when no other function uses it.</summary>
    public static void Delete(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = Command(connection, transaction, $"DELETE FROM {FunctionsTable} WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
        DeleteUnusedModules(connection, transaction);
    }

    private static void DeleteUnusedModules(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, transaction, $"DELETE FROM {ModulesTable} WHERE sha256 NOT IN (SELECT module FROM {FunctionsTable})");
        command.ExecuteNonQuery();
    }

    // Plain SqliteCommands: catalog statements must not go through the Wasm DDL interception again.
    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text) =>
        new(text, connection, transaction);

    private static SqliteException Corrupt(string name, string column) =>
        new($"the Wasm function catalog is damaged: {FunctionsTable}.{column} of '{name}' names an unknown type", SqliteErrorCodes.Error);
}
