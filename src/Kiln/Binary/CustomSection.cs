namespace Kiln.Binary;

/// <summary>A custom section, kept as bytes. <see cref="After"/> is the id of the last non-custom section before it (0 at the start), so a writer can put it back in place.</summary>
internal sealed record CustomSection(string Name, ReadOnlyMemory<byte> Content, int After);
