using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// One entry of the control stack: the block's kind, where its parameter and result types sit in the
/// validator's label-type pool, the operand stack height at entry, and whether the rest of it is unreachable.
/// </summary>
internal struct ControlFrame
{
    /// <summary>Block, Loop, If, Else, Try, Catch, CatchAll, TryTable, or End for the function body itself.</summary>
    public Opcode Kind;
    public int ParamStart;
    public int ParamCount;
    public int ResultStart;
    public int ResultCount;
    public int Height;

    /// <summary>Length of the local-initialisation log at entry; entries past it are undone at the end.</summary>
    public int InitHeight;
    public bool Unreachable;

    /// <summary>The types a branch to this frame carries: parameters for a loop, results otherwise.</summary>
    public readonly int LabelStart => Kind == Opcode.Loop ? ParamStart : ResultStart;

    public readonly int LabelCount => Kind == Opcode.Loop ? ParamCount : ResultCount;
}
