using Kiln.Binary;

namespace Kiln.Text;

/// <summary>
/// A script constant: numbers as raw bits in <see cref="Bits"/> (i32/f32 in the low 32 bits), v128 as
/// <see cref="Bits"/> (low 8 bytes) and <see cref="High"/> (high 8 bytes).
/// </summary>
internal readonly record struct WastValue(WastValueKind Kind, ulong Bits, ulong High = 0, HeapType Heap = default);
