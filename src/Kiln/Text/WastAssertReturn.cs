namespace Kiln.Text;

internal sealed record WastAssertReturn(int Line, WastAction Action, WastResult[] Expected) : WastCommand(Line);
