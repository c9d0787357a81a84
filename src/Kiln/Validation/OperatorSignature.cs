using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>Up to three operand types (first operand deepest; 0 when absent) and one result type (0 when none).</summary>
internal readonly record struct OperatorSignature(ValTypeKind In0, ValTypeKind In1, ValTypeKind In2, ValTypeKind Out)
{
    /// <summary>Whether the table has an entry for the opcode.</summary>
    public bool IsSimple => In0 != 0 || Out != 0;
}
