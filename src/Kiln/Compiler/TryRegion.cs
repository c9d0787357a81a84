using System.Reflection.Emit;
using Kiln.Binary;

namespace Kiln.Compiler;

/// <summary>
/// The state of a <c>try_table</c> being compiled. IL requires an empty evaluation stack on entry to a protected region
/// and allows leaving it only with <c>leave</c> (which empties the stack), so everything on the stack at entry is parked
/// in <see cref="Outer"/>, and a branch from inside to a label outside stores what it carries in temporaries and leaves
/// to a trampoline placed after the region, which restores the stack and branches on.
/// </summary>
internal sealed class TryRegion(ValType[] outerTypes, LocalBuilder[] outer, LocalBuilder[] results, Label after, CatchClause[] clauses)
{
    public CatchClause[] Clauses { get; } = clauses;

    /// <summary>Identifies the region within its method, for legacy <c>delegate</c>.</summary>
    public int Id { get; init; }

    /// <summary>Types of the values parked at entry (below the block's parameters).</summary>
    public ValType[] OuterTypes { get; } = outerTypes;

    public LocalBuilder[] Outer { get; } = outer;

    /// <summary>Where the block's results wait while leaving to <see cref="After"/>.</summary>
    public LocalBuilder[] Results { get; } = results;

    /// <summary>The code after the region where the block's end continues.</summary>
    public Label After { get; } = after;

    public bool AfterUsed { get; set; }

    /// <summary>Legacy <c>try</c>: the caught exception once a catch body started (for <c>rethrow</c>).</summary>
    public LocalBuilder? Caught { get; set; }

    /// <summary>Legacy <c>try</c>: where the next catch clause's test starts when the current tag does not match.</summary>
    public Label? NextCatch { get; set; }

    /// <summary>Trampolines by target frame: their label and the temporaries holding the carried values.</summary>
    public Dictionary<ControlFrame, (Label Label, LocalBuilder[] Carried)> Trampolines { get; } = [];

    /// <summary>
    /// Tail calls made inside the region: IL forbids them there, and the callee must run outside the handler anyway, so
    /// the operands leave the region and <c>Emit</c> re-issues the call after it.
    /// </summary>
    public List<(Label Label, ValType[] Types, LocalBuilder[] Operands, Action Emit)> TailCalls { get; } = [];
}
