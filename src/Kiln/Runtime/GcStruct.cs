namespace Kiln.Runtime;

/// <summary>A GC struct (so far only made by constant expressions): its canonical type id and fields.</summary>
internal sealed class GcStruct(int typeId, Value[] fields)
{
    public int TypeId { get; } = typeId;
    public Value[] Fields { get; } = fields;
}
