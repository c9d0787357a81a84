namespace Kiln.Inspection;

/// <summary>
/// One section of a binary module as <c>kiln inspect</c> lists it: its id and name (<paramref name="CustomName"/> for a
/// custom section), where its content starts in the file and how many bytes it has, and how many items it declares
/// (null for sections that are not vectors: start, data count, custom).
/// </summary>
internal sealed record SectionInfo(byte Id, string Name, string? CustomName, int Offset, int Size, int? Count);
