namespace Kiln.Binary;

/// <summary>A run of <paramref name="Count"/> locals of one type, as the code section declares them.</summary>
internal readonly record struct LocalGroup(uint Count, ValType Type);
