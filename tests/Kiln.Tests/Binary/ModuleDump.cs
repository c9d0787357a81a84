using System.Globalization;
using System.Text;
using Kiln.Binary;

namespace Kiln.Tests.Binary;

/// <summary>Renders a module as text, expressions as hex bytes, so tests can compare modules structurally (offsets aside).</summary>
internal static class ModuleDump
{
    public static string Of(WasmModule m)
    {
        var s = new StringBuilder();
        for (int i = 0; i < m.Types.Count; i++)
        {
            var t = m.Types[i];
            s.Append(CultureInfo.InvariantCulture, $"type {i} final={t.Final} super=[{string.Join(',', t.SuperTypes)}] ").AppendLine(Composite(t.Composite));
        }

        Line(s, "rec", m.RecGroups);
        Line(s, "import", m.Imports);
        Line(s, "func", m.Functions);
        foreach (var t in m.Tables)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"table {t.Type} init={(t.Init is Expr e ? Hex(e) : "-")}");
        }

        Line(s, "memory", m.Memories);
        foreach (var g in m.Globals)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"global {g.Type} {Hex(g.Init)}");
        }

        Line(s, "tag", m.Tags);
        Line(s, "export", m.Exports);
        s.AppendLine(CultureInfo.InvariantCulture, $"start {m.Start}");
        foreach (var e in m.Elements)
        {
            string items = e.FunctionIndices is { } f ? string.Join(',', f) : string.Join(' ', e.Expressions!.Select(Hex));
            s.AppendLine(CultureInfo.InvariantCulture, $"elem {e.Mode} {e.ElementType} table={e.TableIndex} offset={Hex(e.Offset)} [{items}]");
        }

        s.AppendLine(CultureInfo.InvariantCulture, $"datacount {m.DataCount}");
        foreach (var c in m.Code)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"code [{string.Join(',', c.Locals)}] {Hex(c.Body)}");
        }

        foreach (var d in m.Data)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"data {d.Mode} mem={d.MemoryIndex} offset={Hex(d.Offset)} {Convert.ToHexString(d.Bytes.Span)}");
        }

        foreach (var c in m.CustomSections)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"custom {c.Name} after={c.After} {Convert.ToHexString(c.Content.Span)}");
        }

        if (m.Names is { } n)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"names module={n.ModuleName}");
            foreach (var (label, map) in new[] { ("func", n.FunctionNames), ("type", n.TypeNames), ("table", n.TableNames), ("memory", n.MemoryNames), ("global", n.GlobalNames), ("elem", n.ElementNames), ("data", n.DataNames), ("tag", n.TagNames) })
            {
                Map(s, label, map);
            }

            foreach (var (label, maps) in new[] { ("local", n.LocalNames), ("label", n.LabelNames), ("field", n.FieldNames) })
            {
                foreach (var (index, map) in maps.OrderBy(e => e.Key))
                {
                    Map(s, $"{label} {index}", map);
                }
            }
        }

        return s.ToString();
    }

    private static void Line<T>(StringBuilder s, string label, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            s.Append(label).Append(' ').AppendLine(item?.ToString());
        }
    }

    private static void Map(StringBuilder s, string label, Dictionary<int, string> map)
    {
        foreach (var (index, name) in map.OrderBy(e => e.Key))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"name {label} {index}={name}");
        }
    }

    private static string Composite(CompositeType c) => c switch
    {
        FuncType f => "func " + f,
        StructType st => "struct " + string.Join(' ', st.Fields),
        ArrayType a => "array " + a.Element,
        _ => "?",
    };

    private static string Hex(Expr e) => Convert.ToHexString(e.Code.Span);
}
