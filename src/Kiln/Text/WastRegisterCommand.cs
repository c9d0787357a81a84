namespace Kiln.Text;

/// <summary><c>(register "as" $inst?)</c>.</summary>
internal sealed record WastRegisterCommand(int Line, string As, string? Instance) : WastCommand(Line)
{
    public override bool IsAssertion => false;
}
