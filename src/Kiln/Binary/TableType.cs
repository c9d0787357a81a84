namespace Kiln.Binary;

/// <summary>A table's element type, limits and address type (i64 when <paramref name="Is64"/>).</summary>
internal readonly record struct TableType(ValType ElementType, Limits Limits, bool Is64 = false);
