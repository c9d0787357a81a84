namespace Kiln.Text;

/// <summary>Counting assertions in a script that does not parse.</summary>
internal sealed partial class WastParser
{
    /// <summary>
    /// Counts the top-level <c>(assert_...</c> forms of a script by matching parentheses, skipping strings, line
    /// comments and nested block comments. Never throws: it is what a script that cannot be parsed is charged.
    /// </summary>
    public static int CountAssertions(ReadOnlySpan<byte> source)
    {
        int count = 0, depth = 0, i = 0;
        while (i < source.Length)
        {
            byte c = source[i];
            if (c == '"')
            {
                for (i++; i < source.Length && source[i] != '"'; i++)
                {
                    if (source[i] == '\\')
                    {
                        i++;
                    }
                }

                i++;
            }
            else if (c == ';' && i + 1 < source.Length && source[i + 1] == ';')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '(' && i + 1 < source.Length && source[i + 1] == ';')
            {
                i = SkipBlockComment(source, i);
            }
            else if (c == '(')
            {
                if (depth == 0 && source[(i + 1)..].StartsWith("assert_"u8))
                {
                    count++;
                }

                depth++;
                i++;
            }
            else
            {
                if (c == ')' && depth > 0)
                {
                    depth--;
                }

                i++;
            }
        }

        return count;
    }

    private static int SkipBlockComment(ReadOnlySpan<byte> source, int i)
    {
        int nesting = 0;
        while (i < source.Length)
        {
            if (source[i] == '(' && i + 1 < source.Length && source[i + 1] == ';')
            {
                nesting++;
                i += 2;
            }
            else if (source[i] == ';' && i + 1 < source.Length && source[i + 1] == ')')
            {
                i += 2;
                if (--nesting == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return i;
    }
}
