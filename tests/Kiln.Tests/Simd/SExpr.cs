namespace Kiln.Tests.Simd;

/// <summary>A minimal s-expression of the .wast text: an atom, a string literal, or a list.</summary>
internal sealed class SExpr
{
    public string? Atom { get; private init; }

    public string? Text { get; private init; }

    public List<SExpr>? List { get; private init; }

    public string? Head => List is [{ Atom: { } head }, ..] ? head : null;

    public override string ToString() => Atom ?? (Text is not null ? $"\"{Text}\"" : $"({string.Join(" ", List!)})");

    /// <summary>The top-level forms of a script; comments (<c>;;</c> and <c>(; ;)</c>) are skipped.</summary>
    public static List<SExpr> ParseAll(string source)
    {
        int pos = 0;
        var items = new List<SExpr>();
        while (Next(source, ref pos) is { } item)
        {
            items.Add(item);
        }

        return items;
    }

    private static SExpr? Next(string s, ref int pos)
    {
        SkipSpace(s, ref pos);
        if (pos >= s.Length || s[pos] == ')')
        {
            return null;
        }

        if (s[pos] == '(')
        {
            pos++;
            var list = new List<SExpr>();
            while (Next(s, ref pos) is { } child)
            {
                list.Add(child);
            }

            pos++;
            return new SExpr { List = list };
        }

        if (s[pos] == '"')
        {
            int start = ++pos;
            while (s[pos] != '"')
            {
                pos += s[pos] == '\\' ? 2 : 1;
            }

            return new SExpr { Text = s[start..pos++] };
        }

        int begin = pos;
        while (pos < s.Length && !char.IsWhiteSpace(s[pos]) && s[pos] is not '(' and not ')' and not '"')
        {
            pos++;
        }

        return new SExpr { Atom = s[begin..pos] };
    }

    private static void SkipSpace(string s, ref int pos)
    {
        while (pos < s.Length)
        {
            if (char.IsWhiteSpace(s[pos]))
            {
                pos++;
            }
            else if (s[pos] == ';' && pos + 1 < s.Length && s[pos + 1] == ';')
            {
                while (pos < s.Length && s[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (s[pos] == '(' && pos + 1 < s.Length && s[pos + 1] == ';')
            {
                int depth = 0;
                do
                {
                    if (s[pos] == '(' && s[pos + 1] == ';')
                    {
                        depth++;
                        pos += 2;
                    }
                    else if (s[pos] == ';' && s[pos + 1] == ')')
                    {
                        depth--;
                        pos += 2;
                    }
                    else
                    {
                        pos++;
                    }
                }
                while (depth > 0);
            }
            else
            {
                return;
            }
        }
    }
}
