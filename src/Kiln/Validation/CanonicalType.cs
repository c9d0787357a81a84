using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// A type definition after canonicalisation: its composite type refers to other types by canonical id
/// (in <see cref="HeapType.Index"/> of concrete heap types), so two equivalent definitions from any modules
/// are the same object. <see cref="Ancestors"/> makes declared-subtype checks O(1).
/// </summary>
internal sealed class CanonicalType
{
    public CanonicalType(int id, CompositeType composite, bool final, int super, int[] ancestors)
    {
        Id = id;
        Composite = composite;
        Final = final;
        Super = super;
        Ancestors = ancestors;
    }

    /// <summary>The process-wide canonical id.</summary>
    public int Id { get; }

    /// <summary>The definition, with concrete heap types given as canonical ids.</summary>
    public CompositeType Composite { get; }

    public bool Final { get; }

    /// <summary>Canonical id of the declared supertype, or -1.</summary>
    public int Super { get; }

    /// <summary>The declared supertype chain from the root down to this type itself (last element is <see cref="Id"/>).</summary>
    public int[] Ancestors { get; }

    public bool IsFunc => Composite is FuncType;

    public bool IsStruct => Composite is StructType;

    public bool IsArray => Composite is ArrayType;
}
