namespace Kiln.Sqlite;

/// <summary>
/// Helpers for SQL text as a shell sees it: splitting a script into statements and telling whether typed input is
/// a complete statement yet. Literals, quoted identifiers, comments and trigger bodies are respected.
/// </summary>
public static class SqlScript
{
    /// <summary>The statements of <paramref name="text"/>, each without its closing <c>;</c>, empty ones dropped.</summary>
    /// <exception cref="FormatException">A string literal or quoted identifier is not closed.</exception>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. SqlStatementSplitter.Split(text).Select(s => text[s.Start..(s.Tokens[^1].End)])];
    }

    /// <summary>
    /// True when <paramref name="text"/> holds at least one statement and ends with a complete one (closed by
    /// <c>;</c>); false while a literal, quoted identifier, trigger body or statement is still open.
    /// </summary>
    public static bool IsComplete(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var statements = SqlStatementSplitter.Split(text);
            return statements.Count > 0 && statements[^1].Terminated;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
