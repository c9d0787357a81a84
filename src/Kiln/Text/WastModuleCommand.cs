namespace Kiln.Text;

/// <summary><c>(module ...)</c>: define (and unless a definition, instantiate) a module.</summary>
internal sealed record WastModuleCommand(int Line, WastModule Module) : WastCommand(Line)
{
    public override bool IsAssertion => false;
}
