namespace Kiln.Binary;

/// <summary>A GC struct type.</summary>
internal sealed class StructType(FieldType[] fields) : CompositeType
{
    public FieldType[] Fields { get; } = fields;
}
