namespace Kiln.Sqlite;

/// <summary>A Wasm SQL function as <c>CREATE FUNCTION</c> or <c>CREATE AGGREGATE</c> declared it (the module aside).</summary>
/// <param name="Name">The SQL name; SQLite compares function names without regard to case.</param>
/// <param name="IsAggregate">True for <c>CREATE AGGREGATE</c>: the module exports <c>EXPORT_step</c> and <c>EXPORT_final</c>.</param>
/// <param name="Parameters">The declared parameter types, in order.</param>
/// <param name="Returns">The declared result type.</param>
/// <param name="Export">The export that implements it (for an aggregate, the prefix of its two exports); the name by default.</param>
/// <param name="CalledOnNullInput">
/// False (the default, <c>RETURNS NULL ON NULL INPUT</c>): a NULL argument gives NULL without calling the guest.
/// True (<c>CALLED ON NULL INPUT</c>): the guest is called and gets a trailing <c>i32</c> mask of the NULL arguments.
/// </param>
/// <param name="IsDeterministic">True when declared <c>DETERMINISTIC</c>: SQLite may then use it in indexes and constraints.</param>
public sealed record WasmFunctionDefinition(
    string Name,
    bool IsAggregate,
    IReadOnlyList<SqlValueType> Parameters,
    SqlValueType Returns,
    string Export,
    bool CalledOnNullInput,
    bool IsDeterministic)
{
    /// <summary>The declaration in SQL, without the module clause, e.g. <c>similarity(text, text) RETURNS real</c>.</summary>
    public string Signature =>
        $"{Name}({string.Join(", ", Parameters.Select(SqlTypes.Name))}) RETURNS {SqlTypes.Name(Returns)}";
}
