namespace Kiln.Binary;

/// <summary>A memory's limits (in pages), address type, sharing, and page size (log2; 16 unless the custom-page-sizes proposal says otherwise).</summary>
internal readonly record struct MemoryType(Limits Limits, bool Is64 = false, bool Shared = false, int PageSizeLog2 = 16);
