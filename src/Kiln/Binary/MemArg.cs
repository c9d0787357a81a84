namespace Kiln.Binary;

/// <summary>A memory access immediate: log2 alignment, memory index and constant offset.</summary>
internal readonly record struct MemArg(uint AlignLog2, uint MemoryIndex, ulong Offset);
