namespace Kiln.Binary;

/// <summary>Size limits of a memory (in pages) or table (in elements).</summary>
internal readonly record struct Limits(ulong Min, ulong? Max);
