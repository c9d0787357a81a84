using Kiln.Binary;

namespace Kiln.Text;

/// <summary>
/// One expected result of <c>assert_return</c>. For <see cref="WastResultKind.V128Lanes"/>, <see cref="Shape"/> gives
/// the lane layout and <see cref="Lanes"/> one pattern per lane (each Exact, NanCanonical or NanArithmetic, with
/// <see cref="Value"/> bits in the lane's width).
/// </summary>
internal sealed record WastResult(WastResultKind Kind)
{
    public WastValue? Value { get; init; }

    /// <summary>Number type of a NaN pattern (<see cref="ValType.F32"/> or <see cref="ValType.F64"/>).</summary>
    public ValType Type { get; init; }

    public WastLaneShape Shape { get; init; }
    public WastResult[]? Lanes { get; init; }
    public WastResult[]? Alternatives { get; init; }
}
