namespace Kiln.Text;

/// <summary>
/// One token of WebAssembly text. <see cref="Start"/>/<see cref="End"/> are byte offsets into the UTF-8 source,
/// <see cref="Line"/>/<see cref="Column"/> 1-based (column counted in bytes, like the reference interpreter).
/// </summary>
internal sealed class WatToken(WatTokenKind kind, int start, int end, int line, int column)
{
    public WatTokenKind Kind { get; } = kind;
    public int Start { get; } = start;
    public int End { get; } = end;
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>Keyword, number or reserved text; an identifier's name without <c>$</c>; an annotation's id.</summary>
    public string Text { get; init; } = "";

    /// <summary>The decoded bytes of a <see cref="WatTokenKind.String"/>.</summary>
    public byte[] Bytes { get; init; } = [];

    public override string ToString() => Kind switch
    {
        WatTokenKind.LParen => "(",
        WatTokenKind.RParen => ")",
        WatTokenKind.Id => "$" + Text,
        WatTokenKind.String => "\"" + System.Text.Encoding.UTF8.GetString(Bytes) + "\"",
        WatTokenKind.Annotation => "(@" + Text,
        WatTokenKind.Eof => "end of input",
        _ => Text,
    };
}
