namespace Kiln.Sqlite;

/// <summary>One function of the catalog with its module.</summary>
/// <param name="Definition">The function.</param>
/// <param name="ModuleName">The module's file name when it was created.</param>
/// <param name="Sha256">The module's SHA-256, in lower-case hex: its key in <c>kiln_wasm_modules</c>.</param>
/// <param name="Bytes">The module itself.</param>
internal sealed record CatalogEntry(WasmFunctionDefinition Definition, string ModuleName, string Sha256, byte[] Bytes);
