using Kiln.Sqlite;

namespace Kiln.Cli;

/// <summary>What <c>kiln sql</c> was asked to do.</summary>
/// <param name="Database">The database file, or <c>:memory:</c>.</param>
/// <param name="Execute">The SQL texts of <c>-e</c>, run in order; empty to read standard input.</param>
/// <param name="Functions">The sandbox of the Wasm functions.</param>
internal sealed record SqlOptions(string Database, IReadOnlyList<string> Execute, WasmFunctionOptions Functions);
