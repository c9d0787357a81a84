namespace Kiln.Sqlite;

/// <summary>One statement of a SQL text: its source range and its tokens, the closing <c>;</c> excluded.</summary>
/// <param name="Start">Offset of the statement's first token.</param>
/// <param name="End">Offset just past its last token (the <c>;</c> when it has one).</param>
/// <param name="Tokens">Its tokens, without the closing <c>;</c>.</param>
/// <param name="Terminated">True when a <c>;</c> closes it.</param>
internal sealed record SqlStatement(int Start, int End, IReadOnlyList<SqlToken> Tokens, bool Terminated);
