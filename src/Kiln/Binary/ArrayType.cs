namespace Kiln.Binary;

/// <summary>A GC array type.</summary>
internal sealed class ArrayType(FieldType element) : CompositeType
{
    public FieldType Element { get; } = element;
}
