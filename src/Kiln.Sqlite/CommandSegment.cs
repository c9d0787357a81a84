namespace Kiln.Sqlite;

/// <summary>Part of a command's text: ordinary SQL for SQLite, or one Wasm function statement.</summary>
/// <param name="Sql">The SQL text, when it is ordinary SQL.</param>
/// <param name="Statement">The parsed statement, when it is a Wasm function statement.</param>
internal sealed record CommandSegment(string? Sql, WasmDdlStatement? Statement);
