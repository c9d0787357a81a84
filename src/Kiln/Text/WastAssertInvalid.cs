namespace Kiln.Text;

/// <summary><c>assert_invalid</c> (or <c>assert_invalid_custom</c> when <see cref="Custom"/>).</summary>
internal sealed record WastAssertInvalid(int Line, WastModule Module, string Message, bool Custom = false) : WastCommand(Line);
