namespace Kiln.Wast;

/// <summary>
/// One failed command of a script: its 1-based <paramref name="Line"/>, its <paramref name="Command"/> keyword
/// (e.g. <c>assert_return</c>, or <c>module</c> for a module that failed to load) and what went wrong.
/// </summary>
/// <param name="Line">1-based line of the command in the script (0 when the whole script failed to parse).</param>
/// <param name="Command">The command's keyword, e.g. <c>assert_return</c>, <c>module</c>, <c>invoke</c>.</param>
/// <param name="Message">What was expected and what happened instead.</param>
public sealed record WastFailure(int Line, string Command, string Message);
