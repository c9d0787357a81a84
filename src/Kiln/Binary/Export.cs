namespace Kiln.Binary;

/// <summary>An export: a name and an index into the index space of <paramref name="Kind"/>.</summary>
internal readonly record struct Export(string Name, ExternKind Kind, int Index);
