namespace Kiln.Sqlite;

/// <summary>
/// Splits SQL text into tokens the way SQLite's own tokenizer does for what matters here: string literals,
/// quoted identifiers, <c>--</c> and <c>/* */</c> comments, so that a keyword or <c>;</c> inside any of them is not
/// mistaken for one outside.
/// </summary>
internal static class SqlTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, comments and white space dropped.</summary>
    /// <exception cref="FormatException">A literal, quoted identifier or block comment is not closed.</exception>
    public static List<SqlToken> Tokenize(string text)
    {
        var tokens = new List<SqlToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(text, i + 1) == '-')
            {
                int end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '/' && At(text, i + 1) == '*')
            {
                // SQLite accepts an unterminated block comment at the end of the text.
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                int end = Quoted(text, i, c == '[' ? ']' : c);
                tokens.Add(new SqlToken(c == '\'' ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier, i, end - i));
                i = end;
            }
            else if (c == ';')
            {
                tokens.Add(new SqlToken(SqlTokenKind.Semicolon, i, 1));
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(text, i + 1))))
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_'
                    || ((text[i] is '+' or '-') && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, start, i - start));
            }
            else if (IsWordChar(c))
            {
                int start = i;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, start, i - start));
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, i, 1));
                i++;
            }
        }

        return tokens;
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    // As SQLite: letters, digits, '_', '$' and every non-ASCII character may be part of an identifier.
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > 0x7f;

    /// <summary>The offset just past the literal opened at <paramref name="start"/>; a doubled closing quote is part of it.</summary>
    private static int Quoted(string text, int start, char close)
    {
        int i = start + 1;
        while (true)
        {
            int end = text.IndexOf(close, i);
            if (end < 0)
            {
                string what = close == '\'' ? "string literal" : "quoted identifier";
                throw new FormatException($"unterminated {what} starting at offset {start}");
            }

            if (close != ']' && At(text, end + 1) == close)
            {
                i = end + 2;
                continue;
            }

            return end + 1;
        }
    }
}
