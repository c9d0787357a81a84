namespace Kiln.Sqlite;

/// <summary>What a <see cref="SqlToken"/> is.</summary>
internal enum SqlTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted identifier.</summary>
    Word,

    /// <summary>A quoted identifier: <c>"name"</c>, <c>[name]</c> or <c>`name`</c>.</summary>
    QuotedIdentifier,

    /// <summary>A string literal in single quotes.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>Any other punctuation or operator, one token per character except multi-character operators.</summary>
    Symbol,

    /// <summary>The statement separator <c>;</c>.</summary>
    Semicolon,
}
