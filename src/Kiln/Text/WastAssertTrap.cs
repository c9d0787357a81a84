namespace Kiln.Text;

/// <summary><c>assert_trap</c> on an action, or on a module (a trap during instantiation) when <see cref="Module"/> is set.</summary>
internal sealed record WastAssertTrap(int Line, WastAction? Action, WastModule? Module, string Message) : WastCommand(Line);
