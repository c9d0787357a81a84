namespace Kiln.Text;

internal sealed record WastAssertUnlinkable(int Line, WastModule Module, string Message) : WastCommand(Line);
