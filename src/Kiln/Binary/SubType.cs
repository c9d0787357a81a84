namespace Kiln.Binary;

/// <summary>
/// One entry of the type section: a composite type with its declared supertypes (at most one) and finality.
/// A plain <c>(func ...)</c> is a final subtype with no supertypes.
/// </summary>
internal sealed class SubType(CompositeType composite, bool final, int[] superTypes)
{
    public CompositeType Composite { get; } = composite;
    public bool Final { get; } = final;
    public int[] SuperTypes { get; } = superTypes;

    public FuncType? AsFunc => Composite as FuncType;
}
