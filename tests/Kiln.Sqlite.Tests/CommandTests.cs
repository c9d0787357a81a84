using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite.Tests;

public sealed class CommandTests
{
    [Fact]
    public void Wasm_connection_commands_mix_wasm_and_ordinary_statements()
    {
        using var db = new TempDatabase();
        using DbConnection connection = new WasmSqliteConnection($"Data Source={db.Path}", db.Options);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE t(name TEXT);
            INSERT INTO t VALUES ('Hello World'), ('Kiln SQL');
            CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm;
            SELECT slugify(name) FROM t ORDER BY name;
            """;

        Assert.IsType<WasmSqliteCommand>(command);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("hello-world", reader.GetString(0));
        Assert.True(reader.Read());
        Assert.Equal("kiln-sql", reader.GetString(0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void ExecuteNonQuery_counts_the_rows_of_the_ordinary_statements()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();

        int changes = TempDatabase.Execute(connection, """
            CREATE TABLE t(x);
            INSERT INTO t VALUES (1), (2);
            CREATE FUNCTION collatz_steps(integer) RETURNS integer AS 'numeric.wasm' LANGUAGE wasm;
            UPDATE t SET x = collatz_steps(x + 5);
            """);

        Assert.Equal(4, changes);
        Assert.Equal([8L, 16L], TempDatabase.Column(connection, "SELECT x FROM t ORDER BY x"));
    }

    [Fact]
    public void Parameters_reach_the_statements_after_a_wasm_statement()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        using var command = new WasmSqliteCommand("CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm; SELECT slugify($name)", connection);
        command.Parameters.AddWithValue("$name", "Über Kiln!");

        Assert.Equal("ber-kiln", command.ExecuteScalar());
    }

    [Fact]
    public void Create_function_in_a_rolled_back_transaction_leaves_no_catalog_entry()
    {
        using var db = new TempDatabase();
        using (var connection = new WasmSqliteConnection($"Data Source={db.Path};Pooling=False", db.Options))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm";
            command.ExecuteNonQuery();
            Assert.Same(transaction, command.Transaction);
            transaction.Rollback();
        }

        using var reopened = db.Open();
        Assert.Empty(WasmFunctions.For(reopened)!.Functions);
    }

    [Fact]
    public void Pooled_handles_do_not_carry_functions_to_other_connections()
    {
        using var db = new TempDatabase();
        string pooled = $"Data Source={db.Path};Pooling=True";
        using (var connection = new WasmSqliteConnection(pooled, db.Options))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm";
            command.ExecuteNonQuery();
        }

        using var plain = new SqliteConnection(pooled);
        plain.Open();
        using var select = plain.CreateCommand();
        select.CommandText = "SELECT slugify('A B')";
        var e = Assert.Throws<SqliteException>(() => select.ExecuteScalar());
        Assert.Contains("no such function: slugify", e.Message);
    }

    [Fact]
    public void Closing_and_reopening_a_connection_keeps_its_functions()
    {
        using var db = new TempDatabase();
        using var connection = new WasmSqliteConnection($"Data Source={db.Path}", db.Options);
        connection.Open();
        connection.Functions!.Execute("CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm");
        connection.Close();
        connection.Open();

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT slugify('Back Again')";
        Assert.Equal("back-again", command.ExecuteScalar());
    }

    [Fact]
    public void Enable_requires_an_open_connection_and_stable_options()
    {
        using var db = new TempDatabase();
        using var connection = new SqliteConnection($"Data Source={db.Path}");

        Assert.Throws<InvalidOperationException>(() => connection.EnableWasmFunctions());
        connection.Open();
        var functions = connection.EnableWasmFunctions(db.Options);
        Assert.Same(functions, connection.EnableWasmFunctions());
        Assert.Throws<InvalidOperationException>(() => connection.EnableWasmFunctions(new WasmFunctionOptions { Fuel = 5 }));
    }
}
