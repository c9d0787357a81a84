namespace Kiln.Text;

/// <summary>A bare <c>(invoke ...)</c> or <c>(get ...)</c>.</summary>
internal sealed record WastActionCommand(int Line, WastAction Action) : WastCommand(Line)
{
    public override bool IsAssertion => false;
}
