namespace Kiln.Text;

internal sealed record WastAssertException(int Line, WastAction Action) : WastCommand(Line);
