using Kiln.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite.Tests;

/// <summary>A database file in a fresh temporary directory, with the example modules beside it; deleted on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kiln-sqlite-").FullName;
        Path = System.IO.Path.Combine(Directory, "test.db");
        foreach (var file in System.IO.Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "examples")))
        {
            File.Copy(file, System.IO.Path.Combine(Directory, System.IO.Path.GetFileName(file)));
        }
    }

    /// <summary>The directory holding the database and the modules.</summary>
    public string Directory { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Options resolving module paths in <see cref="Directory"/>, with a short timeout so runaway tests end fast.</summary>
    public WasmFunctionOptions Options => new() { ModuleDirectory = Directory, Timeout = TimeSpan.FromMilliseconds(300) };

    /// <summary>Opens a new connection to the database with Wasm functions enabled.</summary>
    public SqliteConnection Open(WasmFunctionOptions? options = null)
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        connection.EnableWasmFunctions(options ?? Options);
        return connection;
    }

    /// <summary>Writes a module in WebAssembly text format to <paramref name="name"/> in the directory.</summary>
    public void WriteModule(string name, string wat) => File.WriteAllText(System.IO.Path.Combine(Directory, name), wat);

    /// <summary>Runs <paramref name="sql"/> through the connection's Wasm functions.</summary>
    public static int Execute(SqliteConnection connection, string sql) => WasmFunctions.For(connection)!.Execute(sql);

    /// <summary>The first column of the first row of <paramref name="sql"/>.</summary>
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = WasmFunctions.For(connection)!.CreateCommand(sql);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The first column of every row of <paramref name="sql"/>.</summary>
    public static List<object?> Column(SqliteConnection connection, string sql)
    {
        using var command = WasmFunctions.For(connection)!.CreateCommand(sql);
        using var reader = command.ExecuteReader();
        var values = new List<object?>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection a failed test left open may still hold the file; the OS cleans temp later.
        }
    }
}
