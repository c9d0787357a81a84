namespace Kiln.Text;

/// <summary><c>(module instance $inst? $def?)</c>: instantiate a module definition.</summary>
internal sealed record WastInstanceCommand(int Line, string? Instance, string? Definition) : WastCommand(Line)
{
    public override bool IsAssertion => false;
}
