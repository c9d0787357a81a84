namespace Kiln.Binary;

/// <summary>
/// An import. <see cref="TypeIndex"/> is set for functions and tags; <see cref="Table"/>, <see cref="Memory"/>
/// and <see cref="Global"/> for their kinds.
/// </summary>
internal sealed record Import(string Module, string Name, ExternKind Kind)
{
    public int TypeIndex { get; init; }
    public TableType Table { get; init; }
    public MemoryType Memory { get; init; }
    public GlobalType Global { get; init; }
}
