namespace Kiln.Binary;

/// <summary>A table definition; <see cref="Init"/> is the explicit initialiser expression, if any (0x40 0x00 form).</summary>
internal sealed record Table(TableType Type, Expr? Init);
