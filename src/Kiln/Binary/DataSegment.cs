namespace Kiln.Binary;

/// <summary>A data segment: bytes, and for an active one the memory and offset expression.</summary>
internal sealed record DataSegment(SegmentMode Mode, ReadOnlyMemory<byte> Bytes)
{
    public int MemoryIndex { get; init; }
    public Expr Offset { get; init; }
}
