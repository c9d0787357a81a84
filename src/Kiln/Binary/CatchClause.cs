namespace Kiln.Binary;

/// <summary>One clause of <c>try_table</c>: what it catches (tag unless catch_all) and the label it branches to.</summary>
internal readonly record struct CatchClause(CatchKind Kind, uint Tag, uint Label);
