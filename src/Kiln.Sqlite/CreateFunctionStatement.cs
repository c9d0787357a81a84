namespace Kiln.Sqlite;

/// <summary><c>CREATE [OR REPLACE] FUNCTION|AGGREGATE ... AS 'module.wasm' LANGUAGE wasm</c>.</summary>
/// <param name="Definition">The function declared.</param>
/// <param name="ModulePath">The module file as written after <c>AS</c>.</param>
/// <param name="OrReplace">True with <c>OR REPLACE</c>: an existing Wasm function of that name is replaced.</param>
internal sealed record CreateFunctionStatement(WasmFunctionDefinition Definition, string ModulePath, bool OrReplace) : WasmDdlStatement;
