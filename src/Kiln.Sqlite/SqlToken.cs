namespace Kiln.Sqlite;

/// <summary>One token of SQL text: its kind and where it is; comments and white space are not tokens.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of its first character in the text.</param>
/// <param name="Length">Its length in characters, quotes included.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length)
{
    /// <summary>Offset just past the token.</summary>
    public int End => Start + Length;

    /// <summary>The token's source text.</summary>
    public ReadOnlySpan<char> Span(string text) => text.AsSpan(Start, Length);

    /// <summary>True when the token is the bare word <paramref name="keyword"/>, in any case.</summary>
    public bool Is(string text, string keyword) =>
        Kind == SqlTokenKind.Word && Span(text).Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the token is the one-character symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string text, char symbol) => Kind == SqlTokenKind.Symbol && Length == 1 && text[Start] == symbol;

    /// <summary>
    /// The token's value: a string literal or quoted identifier without its quotes (doubled quotes undone),
    /// anything else as written.
    /// </summary>
    public string Value(string text)
    {
        if (Kind is not (SqlTokenKind.String or SqlTokenKind.QuotedIdentifier))
        {
            return Span(text).ToString();
        }

        char close = text[Start] == '[' ? ']' : text[Start];
        var inner = text.AsSpan(Start + 1, Length - 2);
        return close == ']' ? inner.ToString() : inner.ToString().Replace(new string(close, 2), close.ToString(), StringComparison.Ordinal);
    }
}
