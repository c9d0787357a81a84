namespace Kiln.Text;

/// <summary>One top-level command of a <c>.wast</c> script; <see cref="Line"/> is 1-based.</summary>
internal abstract record WastCommand(int Line)
{
    /// <summary>True for the <c>assert_*</c> commands, each of which counts as one check.</summary>
    public virtual bool IsAssertion => true;
}
