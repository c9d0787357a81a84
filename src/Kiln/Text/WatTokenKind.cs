namespace Kiln.Text;

/// <summary>The kinds of token <see cref="WatLexer"/> produces.</summary>
internal enum WatTokenKind : byte
{
    LParen,
    RParen,

    /// <summary>A keyword such as <c>module</c> or <c>i32.add</c> (starts with a lowercase letter); <see cref="WatToken.Text"/> is it.</summary>
    Keyword,

    /// <summary>An identifier <c>$x</c> or <c>$"..."</c>; <see cref="WatToken.Text"/> is the name without <c>$</c>.</summary>
    Id,

    /// <summary>A string literal; <see cref="WatToken.Bytes"/> holds its decoded bytes (any bytes, not necessarily UTF-8).</summary>
    String,

    /// <summary>An integer or float literal (including <c>inf</c>, <c>nan</c>, <c>nan:0x...</c>); <see cref="WatToken.Text"/> is it, parse with <see cref="NumberLiterals"/>.</summary>
    Number,

    /// <summary>Any other run of identifier characters and strings: always an error where the parser meets it ("unknown operator").</summary>
    Reserved,

    /// <summary>An annotation opener <c>(@id</c> (only when the lexer was asked to keep annotations); <see cref="WatToken.Text"/> is the id. Its body follows as ordinary tokens up to the matching <see cref="RParen"/>.</summary>
    Annotation,

    /// <summary>End of input (always the last token).</summary>
    Eof,
}
