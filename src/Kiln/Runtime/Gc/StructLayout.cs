using System.Runtime.CompilerServices;
using Kiln.Binary;

namespace Kiln.Runtime.Gc;

/// <summary>Where each field of a struct type lives in a <see cref="WasmStruct"/>: its slot in <c>Bits</c> or <c>Refs</c>.</summary>
internal sealed class StructLayout
{
    private static readonly ConditionalWeakTable<StructType, StructLayout> Cache = [];

    private StructLayout(StructType type)
    {
        Slots = new int[type.Fields.Length];
        for (int i = 0; i < type.Fields.Length; i++)
        {
            var t = type.Fields[i].Type;
            if (t.IsRef)
            {
                Slots[i] = RefSlots++;
            }
            else
            {
                Slots[i] = BitSlots;
                BitSlots += t.Kind == ValTypeKind.V128 ? 2 : 1;
            }
        }
    }

    /// <summary>Per field: its index into <c>Refs</c> for reference fields, else into <c>Bits</c>.</summary>
    public int[] Slots { get; }

    public int BitSlots { get; }

    public int RefSlots { get; }

    public static StructLayout Of(StructType type) => Cache.GetValue(type, static t => new StructLayout(t));
}
