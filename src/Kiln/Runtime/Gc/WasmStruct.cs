using System.Runtime.Intrinsics;

namespace Kiln.Runtime.Gc;

/// <summary>
/// A GC struct instance. Numeric fields live in <see cref="Bits"/> (one slot each, v128 two; packed and 32-bit values
/// zero-extended, floats as their bits), reference fields in <see cref="Refs"/>; <see cref="StructLayout"/> assigns the
/// slots. Two flat arrays keep every field access free of boxing without generating a CLR class per struct type.
/// </summary>
internal sealed class WasmStruct(int typeId, ulong[] bits, object?[] refs)
{
    /// <summary>The canonical id of the struct's type (see <see cref="TypeRegistry"/>), for casts.</summary>
    public readonly int TypeId = typeId;

    public readonly ulong[] Bits = bits;

    public readonly object?[] Refs = refs;

    /// <summary>A struct with every field zero or null.</summary>
    public static WasmStruct New(int typeId, int bitSlots, int refSlots) =>
        new(typeId, bitSlots == 0 ? [] : new ulong[bitSlots], refSlots == 0 ? [] : new object?[refSlots]);

    /// <summary>Reads a v128 field, which spans slots <paramref name="slot"/> (low half) and the one after it.</summary>
    public static Vector128<byte> GetV128(ulong[] bits, int slot) => Vector128.Create(bits[slot], bits[slot + 1]).AsByte();

    public static void SetV128(ulong[] bits, int slot, Vector128<byte> value)
    {
        var halves = value.AsUInt64();
        bits[slot] = halves.GetElement(0);
        bits[slot + 1] = halves.GetElement(1);
    }
}
