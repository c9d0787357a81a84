namespace Kiln.Binary;

/// <summary>
/// A branch hint from the text format's <c>@metadata.code.branch_hint</c> annotation: the instruction at
/// <paramref name="Offset"/> in the code of defined function <paramref name="DefinedFunction"/>, which must be an
/// <c>if</c> or <c>br_if</c>, is likely (1) or unlikely (0) to branch. Validation checks the target; the compiler has no
/// use for the hint (RyuJIT lays out blocks by its own profile), and the binary writer leaves it out.
/// </summary>
internal readonly record struct BranchHint(int DefinedFunction, int Offset, byte Value);
