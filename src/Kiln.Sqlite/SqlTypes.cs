namespace Kiln.Sqlite;

/// <summary>The SQL type names <c>CREATE FUNCTION</c> accepts, and their spelling in messages and the catalog.</summary>
internal static class SqlTypes
{
    /// <summary>The canonical lower-case name of <paramref name="type"/>.</summary>
    public static string Name(SqlValueType type) => type switch
    {
        SqlValueType.Integer => "integer",
        SqlValueType.Real => "real",
        SqlValueType.Text => "text",
        _ => "blob",
    };

    /// <summary>Parses a type name as SQLite and PostgreSQL spell them; null when unknown.</summary>
    public static SqlValueType? Parse(string name) => name.ToLowerInvariant() switch
    {
        "integer" or "int" or "bigint" or "smallint" or "tinyint" or "int8" or "int4" or "boolean" or "bool" => SqlValueType.Integer,
        "real" or "float" or "double" or "float8" or "float4" => SqlValueType.Real,
        "text" or "varchar" or "char" or "clob" or "string" => SqlValueType.Text,
        "blob" or "bytea" => SqlValueType.Blob,
        _ => null,
    };
}
