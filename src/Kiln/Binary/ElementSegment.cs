namespace Kiln.Binary;

/// <summary>
/// An element segment. Items are either function indices (<see cref="FunctionIndices"/>, the compact encodings)
/// or constant expressions (<see cref="Expressions"/>); exactly one is non-null.
/// </summary>
internal sealed record ElementSegment(SegmentMode Mode, ValType ElementType)
{
    public int TableIndex { get; init; }
    public Expr Offset { get; init; }
    public int[]? FunctionIndices { get; init; }
    public Expr[]? Expressions { get; init; }

    public int Count => FunctionIndices?.Length ?? Expressions!.Length;
}
