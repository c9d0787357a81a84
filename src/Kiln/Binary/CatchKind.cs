namespace Kiln.Binary;

/// <summary>The clause kinds of <c>try_table</c>, by binary code.</summary>
internal enum CatchKind : byte
{
    Catch = 0,
    CatchRef = 1,
    CatchAll = 2,
    CatchAllRef = 3,
}
