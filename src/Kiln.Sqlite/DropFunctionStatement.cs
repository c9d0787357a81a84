namespace Kiln.Sqlite;

/// <summary><c>DROP FUNCTION|AGGREGATE [IF EXISTS] name</c>.</summary>
/// <param name="Name">The function to drop.</param>
/// <param name="IsAggregate">True when written <c>DROP AGGREGATE</c>.</param>
/// <param name="IfExists">True with <c>IF EXISTS</c>: dropping an unknown function is not an error.</param>
internal sealed record DropFunctionStatement(string Name, bool IsAggregate, bool IfExists) : WasmDdlStatement;
