using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// The Wasm SQL functions of one <see cref="SqliteConnection"/>: those in its database's catalog, registered when
/// enabled (<see cref="WasmSqliteExtensions.EnableWasmFunctions"/>), and those <c>CREATE FUNCTION ... LANGUAGE
/// wasm</c> adds later. Each function gets its own sandbox on this connection, reused across rows; like the
/// connection itself, it must be used by one thread at a time.
/// </summary>
/// <remarks>
/// SQL text runs through <see cref="Execute"/>, <see cref="CreateCommand"/> or a <see cref="WasmSqliteConnection"/>'s
/// commands, which carry out <c>CREATE</c>/<c>DROP FUNCTION</c> and <c>CREATE</c>/<c>DROP AGGREGATE</c> themselves
/// and pass every other statement to SQLite. Catalog changes are made in the command's transaction; a rolled-back
/// <c>CREATE FUNCTION</c> leaves the function registered on this connection until it closes.
/// </remarks>
public sealed class WasmFunctions
{
    private static readonly ConditionalWeakTable<SqliteConnection, WasmFunctions> Enabled = [];

    private readonly Dictionary<string, WasmFunctionBinding> _bindings = new(StringComparer.OrdinalIgnoreCase);

    private WasmFunctions(SqliteConnection connection, WasmFunctionOptions options)
    {
        Connection = connection;
        Options = options;
    }

    /// <summary>The connection the functions are registered on.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The sandbox limits every call runs under, and where module files are looked up.</summary>
    public WasmFunctionOptions Options { get; }

    /// <summary>The Wasm functions registered on the connection, by name.</summary>
    public IReadOnlyList<WasmFunctionDefinition> Functions =>
        [.. _bindings.Values.Select(b => b.Definition).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The Wasm functions enabled on <paramref name="connection"/>, or null when they are not.</summary>
    public static WasmFunctions? For(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Enabled.TryGetValue(connection, out var functions) ? functions : null;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (any number of statements), carrying out the Wasm function statements itself;
    /// returns the rows changed, as <see cref="SqliteCommand.ExecuteNonQuery"/>.
    /// </summary>
    /// <exception cref="SqliteException">A statement failed; the message says which function and why.</exception>
    public int Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = CreateCommand(sql);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    /// <summary>A command on the connection that understands the Wasm function statements.</summary>
    public WasmSqliteCommand CreateCommand(string? commandText = null) => new(commandText, Connection);

    internal static WasmFunctions Enable(SqliteConnection connection, WasmFunctionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (For(connection) is { } existing)
        {
            if (options is not null && options != existing.Options)
            {
                throw new InvalidOperationException("Wasm functions are already enabled on this connection with other options");
            }

            return existing;
        }

        if (connection.State != System.Data.ConnectionState.Open)
        {
            throw new InvalidOperationException("open the connection before enabling Wasm functions: they are read from its database");
        }

        var functions = new WasmFunctions(connection, options ?? WasmFunctionOptions.Default);
        foreach (var entry in WasmFunctionCatalog.Load(connection, null))
        {
            functions.Install(functions.NewBinding(entry));
        }

        Enabled.AddOrUpdate(connection, functions);
        connection.Disposed += (_, _) => functions.Release();
        return functions;
    }

    /// <summary>Carries out a <c>CREATE</c> or <c>DROP</c> of a Wasm function, in <paramref name="transaction"/>.</summary>
    internal void Run(WasmDdlStatement statement, SqliteTransaction? transaction)
    {
        switch (statement)
        {
            case CreateFunctionStatement create:
                Create(create, transaction);
                break;
            case DropFunctionStatement drop:
                Drop(drop, transaction);
                break;
        }
    }

    private void Create(CreateFunctionStatement statement, SqliteTransaction? transaction)
    {
        var d = statement.Definition;
        string what = d.IsAggregate ? "aggregate" : "function";
        if (_bindings.ContainsKey(d.Name) && !statement.OrReplace)
        {
            throw Error($"{what} '{d.Name}' already exists: use CREATE OR REPLACE {what.ToUpperInvariant()} to replace it");
        }

        if (d.Parameters.Count > 32 && d.CalledOnNullInput)
        {
            throw Error($"{what} '{d.Name}' has {d.Parameters.Count} parameters; CALLED ON NULL INPUT allows at most 32 (one bit each in the NULL mask)");
        }

        string path = Path.GetFullPath(statement.ModulePath, Options.ModuleDirectory ?? Directory.GetCurrentDirectory());
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw Error($"CREATE {what.ToUpperInvariant()} {d.Name}: cannot read module '{statement.ModulePath}' ({path}): {reason}");
        }

        var entry = new CatalogEntry(d, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        var binding = NewBinding(entry);
        try
        {
            try
            {
                binding.Verify();
            }
            catch (SqliteException e)
            {
                // The guest's messages start with the function's name; say which statement failed before it.
                throw Error($"CREATE {what.ToUpperInvariant()} {e.Message}");
            }

            WasmFunctionCatalog.Save(Connection, transaction, entry);
        }
        catch
        {
            binding.Dispose();
            throw;
        }

        Install(binding);
    }

    private void Drop(DropFunctionStatement statement, SqliteTransaction? transaction)
    {
        string what = statement.IsAggregate ? "aggregate" : "function";
        if (!_bindings.TryGetValue(statement.Name, out var binding))
        {
            if (statement.IfExists)
            {
                return;
            }

            throw Error($"DROP {what.ToUpperInvariant()}: no such Wasm {what}: {statement.Name}");
        }

        if (binding.Definition.IsAggregate != statement.IsAggregate)
        {
            string actual = binding.Definition.IsAggregate ? "aggregate" : "function";
            throw Error($"DROP {what.ToUpperInvariant()}: '{statement.Name}' is an {actual}: use DROP {actual.ToUpperInvariant()}");
        }

        WasmFunctionCatalog.Delete(Connection, transaction, binding.Definition.Name);
        binding.Unregister(Connection);
        binding.Dispose();
        _bindings.Remove(statement.Name);
    }

    private WasmFunctionBinding NewBinding(CatalogEntry entry)
    {
        var d = entry.Definition;
        return WasmFunctionBinding.Create(d, new GuestInstance(d.Name, entry.ModuleName, entry.Bytes, entry.Sha256, Options));
    }

    /// <summary>Registers <paramref name="binding"/>, replacing (and freeing) a function of the same name.</summary>
    private void Install(WasmFunctionBinding binding)
    {
        if (_bindings.Remove(binding.Definition.Name, out var old))
        {
            old.Unregister(Connection);
            old.Dispose();
        }

        _bindings[binding.Definition.Name] = binding;
        binding.Register(Connection);
    }

    private void Release()
    {
        foreach (var binding in _bindings.Values)
        {
            binding.Dispose();
        }

        _bindings.Clear();
    }

    private static SqliteException Error(string message) => new(message, SqliteErrorCodes.Error);
}
