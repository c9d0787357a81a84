namespace Kiln.Text;

internal sealed record WastAssertExhaustion(int Line, WastAction Action, string Message) : WastCommand(Line);
