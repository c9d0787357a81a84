namespace Kiln.Binary;

/// <summary>How an element or data segment is used.</summary>
internal enum SegmentMode : byte
{
    Active,
    Passive,
    /// <summary>Element segments only: declares functions for <c>ref.func</c>.</summary>
    Declarative,
}
