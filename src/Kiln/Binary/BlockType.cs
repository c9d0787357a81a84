namespace Kiln.Binary;

/// <summary>A block's type: empty, a single result type, or a type index (params and results).</summary>
internal readonly record struct BlockType(BlockTypeKind Kind, ValType Value = default, int TypeIndex = 0)
{
    public static BlockType Empty => new(BlockTypeKind.Empty);
}

/// <summary>Which form a <see cref="BlockType"/> has.</summary>
internal enum BlockTypeKind : byte
{
    Empty,
    Value,
    TypeIndex,
}
