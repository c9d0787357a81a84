namespace Kiln.Text;

/// <summary><c>assert_malformed</c> (or <c>assert_malformed_custom</c> when <see cref="Custom"/>).</summary>
internal sealed record WastAssertMalformed(int Line, WastModule Module, string Message, bool Custom = false) : WastCommand(Line);
