using System.Reflection.Emit;
using Kiln.Binary;

namespace Kiln.Compiler;

/// <summary>
/// One entry of the compiler's control stack: a block, loop, if or the function body, with the IL label its branches
/// target and the operand stack height below its parameters (values beneath stay on the IL stack through the block).
/// </summary>
internal sealed class ControlFrame(ControlKind kind, Label label, int height, ValType[] parameters, ValType[] results)
{
    public ControlKind Kind { get; } = kind;

    /// <summary>Branch target: the loop header for loops, the end otherwise.</summary>
    public Label Label { get; } = label;

    /// <summary>For <c>if</c>: where the false condition goes.</summary>
    public Label Else { get; init; }

    public int Height { get; } = height;
    public ValType[] Params { get; } = parameters;
    public ValType[] Results { get; } = results;

    /// <summary>Some branch targets <see cref="Label"/> (so the end is reachable even after dead code).</summary>
    public bool LabelUsed { get; set; }

    public bool HasElse { get; set; }

    /// <summary>For <c>try_table</c>: the protected region's bookkeeping.</summary>
    public TryRegion? Try { get; init; }

    /// <summary>The values a branch to this frame carries.</summary>
    public ValType[] BranchTypes => Kind == ControlKind.Loop ? Params : Results;
}
