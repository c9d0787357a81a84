namespace Kiln.Sqlite;

/// <summary>
/// Splits SQL text into statements at the <c>;</c> that end them. A <c>CREATE TRIGGER</c> body keeps its inner
/// <c>;</c>s: there only the one after the <c>END</c> that closes <c>BEGIN</c> ends the statement (as SQLite's
/// <c>sqlite3_complete</c>), with <c>CASE ... END</c> inside counted.
/// </summary>
internal static class SqlStatementSplitter
{
    /// <summary>The statements of <paramref name="text"/>; empty statements (a lone <c>;</c>) are dropped.</summary>
    /// <exception cref="FormatException">A literal, quoted identifier or block comment is not closed.</exception>
    public static List<SqlStatement> Split(string text)
    {
        var tokens = SqlTokenizer.Tokenize(text);
        var statements = new List<SqlStatement>();
        var current = new List<SqlToken>();
        int blockDepth = 0;
        bool trigger = false;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlTokenKind.Semicolon && blockDepth == 0)
            {
                if (current.Count > 0)
                {
                    statements.Add(new SqlStatement(current[0].Start, token.End, current, true));
                }

                current = [];
                trigger = false;
                continue;
            }

            current.Add(token);
            if (current.Count <= 4 && token.Is(text, "TRIGGER") && current[0].Is(text, "CREATE"))
            {
                trigger = true;
            }
            else if (trigger && (token.Is(text, "BEGIN") || (blockDepth > 0 && token.Is(text, "CASE"))))
            {
                blockDepth++;
            }
            else if (blockDepth > 0 && token.Is(text, "END"))
            {
                blockDepth--;
            }
        }

        if (current.Count > 0)
        {
            statements.Add(new SqlStatement(current[0].Start, current[^1].End, current, false));
        }

        return statements;
    }
}
