namespace Kiln.Runtime;

/// <summary>A GC array (so far only made by constant expressions): its canonical type id and elements.</summary>
internal sealed class GcArray(int typeId, Value[] elements)
{
    public int TypeId { get; } = typeId;
    public Value[] Elements { get; } = elements;
}
