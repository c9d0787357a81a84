using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite.Tests;

public sealed class SeedExampleTests
{
    private const string Seed = """
        CREATE FUNCTION similarity(text, text) RETURNS float
        AS 'path/to/semantic.wasm' LANGUAGE wasm;
        SELECT * FROM products WHERE similarity(description, 'wireless headphones') > 0.8;
        """;

    [Fact]
    public void Seed_statements_run_as_written_and_find_the_wireless_headphones()
    {
        using var db = new TempDatabase();
        Directory.CreateDirectory(Path.Combine(db.Directory, "path/to"));
        File.Copy(Path.Combine(db.Directory, "semantic.wasm"), Path.Combine(db.Directory, "path/to/semantic.wasm"));
        using var connection = db.Open();
        TempDatabase.Execute(connection, File.ReadAllText(Path.Combine(db.Directory, "products.sql")));

        using var command = new WasmSqliteCommand(Seed, connection);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(reader.GetOrdinal("name")));
        }

        Assert.Equal(["Aria Pro", "Aria Lite", "Nomad Headset"], names);
    }

    [Fact]
    public void Similarity_scores_near_misses_below_the_threshold()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, "CREATE FUNCTION similarity(text, text) RETURNS float AS 'semantic.wasm' LANGUAGE wasm");

        Assert.Equal(1.0, (double)TempDatabase.Scalar(connection, "SELECT similarity('Wireless Headphones!', 'wireless headphones')")!);
        double wired = (double)TempDatabase.Scalar(connection, "SELECT similarity('Wired studio headphones', 'wireless headphones')")!;
        Assert.InRange(wired, 0.5, 0.8);
        Assert.Equal(0.0, (double)TempDatabase.Scalar(connection, "SELECT similarity('xyz', 'wireless headphones')")!);
    }

    [Fact]
    public void Functions_come_back_when_the_database_is_reopened_without_the_module_file()
    {
        using var db = new TempDatabase();
        using (var connection = db.Open())
        {
            TempDatabase.Execute(connection, """
                CREATE FUNCTION similarity(text, text) RETURNS float AS 'semantic.wasm' LANGUAGE wasm;
                CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm;
                """);
        }

        File.Delete(Path.Combine(db.Directory, "semantic.wasm"));
        File.Delete(Path.Combine(db.Directory, "slugify.wasm"));
        using var reopened = db.Open();

        Assert.Equal(1.0, TempDatabase.Scalar(reopened, "SELECT similarity('a wireless thing', 'wireless')"));
        Assert.Equal("hello-world", TempDatabase.Scalar(reopened, "SELECT slugify('Hello, World!')"));
        Assert.Equal(["similarity", "slugify"], WasmFunctions.For(reopened)!.Functions.Select(f => f.Name));
    }

    [Fact]
    public void Dropped_functions_stay_dropped_after_reopening()
    {
        using var db = new TempDatabase();
        using (var connection = db.Open())
        {
            TempDatabase.Execute(connection, """
                CREATE FUNCTION similarity(text, text) RETURNS float AS 'semantic.wasm' LANGUAGE wasm;
                DROP FUNCTION similarity;
                """);
            Assert.Equal(0L, TempDatabase.Scalar(connection, "SELECT count(*) FROM kiln_wasm_modules"));
        }

        using var reopened = db.Open();
        var e = Assert.Throws<SqliteException>(() => TempDatabase.Scalar(reopened, "SELECT similarity('a', 'b')"));
        Assert.Contains("no such function: similarity", e.Message);
    }

    [Fact]
    public void Modules_are_stored_once_for_several_functions()
    {
        using var db = new TempDatabase();
        using var connection = db.Open();
        TempDatabase.Execute(connection, """
            CREATE FUNCTION haversine_km(real, real, real, real) RETURNS real AS 'numeric.wasm' LANGUAGE wasm;
            CREATE FUNCTION collatz_steps(integer) RETURNS integer AS 'numeric.wasm' LANGUAGE wasm;
            """);

        Assert.Equal(1L, TempDatabase.Scalar(connection, "SELECT count(*) FROM kiln_wasm_modules"));
        Assert.Equal(2L, TempDatabase.Scalar(connection, "SELECT count(*) FROM kiln_wasm_functions"));
    }
}
