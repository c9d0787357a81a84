using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Kiln.Cli;

/// <summary>Prints a query's rows as an aligned table with a header, numbers right-aligned, then the row count.</summary>
internal static class SqlTablePrinter
{
    private const int MaxCellWidth = 60;

    /// <summary>Reads every row of <paramref name="reader"/>'s current result and writes the table.</summary>
    public static void Print(SqliteDataReader reader, TextWriter output)
    {
        int columns = reader.FieldCount;
        var header = Enumerable.Range(0, columns).Select(reader.GetName).ToArray();
        var rows = new List<(string Text, bool Number)[]>();
        while (reader.Read())
        {
            var row = new (string, bool)[columns];
            for (int i = 0; i < columns; i++)
            {
                var value = reader.GetValue(i);
                row[i] = (Format(value), value is long or double);
            }

            rows.Add(row);
        }

        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (int i = 0; i < columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Text.Length);
            }
        }

        output.WriteLine(Line(header.Select(h => (h, false)).ToArray(), widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        output.WriteLine(rows.Count == 1 ? "(1 row)" : $"({rows.Count} rows)");
    }

    /// <summary>A SQL value as the table shows it: NULL, integers, reals with a decimal point, text, blobs in hex.</summary>
    public static string Format(object? value)
    {
        string text = value switch
        {
            null or DBNull => "NULL",
            double d => Real(d),
            byte[] b => "x'" + Convert.ToHexStringLower(b) + "'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length > MaxCellWidth ? text[..(MaxCellWidth - 3)] + "..." : text;
    }

    /// <summary>A real as the sqlite3 shell prints it: 15 significant digits, and a decimal point even when whole.</summary>
    private static string Real(double d)
    {
        string text = d.ToString("G15", CultureInfo.InvariantCulture);
        return double.IsFinite(d) && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal) ? text + ".0" : text;
    }

    private static string Line((string Text, bool Number)[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" | ");
            }

            sb.Append(cells[i].Number ? cells[i].Text.PadLeft(widths[i]) : cells[i].Text.PadRight(widths[i]));
        }

        return sb.ToString().TrimEnd();
    }
}
