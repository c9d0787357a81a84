namespace Kiln.Sqlite;

/// <summary>A statement Kiln runs itself instead of SQLite: <c>CREATE</c> or <c>DROP</c> of a Wasm function.</summary>
internal abstract record WasmDdlStatement;
