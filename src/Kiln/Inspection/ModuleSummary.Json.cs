using System.Text.Json;

namespace Kiln.Inspection;

public sealed partial class ModuleSummary
{
    /// <summary>
    /// Writes the summary as one JSON object (UTF-8, indented) for scripts: the same facts as <see cref="WriteText"/>,
    /// with every defined function rather than the largest. Sizes are in bytes, memory sizes in pages; absent values are null.
    /// </summary>
    public void WriteJson(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteString("file", Name);
        j.WriteNumber("size", FileSize);
        j.WriteString("format", Format);
        j.WriteBoolean("valid", ValidationError is null);
        j.WriteString("validationError", ValidationError);
        if (_compiled is { } c)
        {
            j.WriteStartObject("compiled");
            j.WriteNumber("assemblyBytes", c.Assembly.Length);
            j.WriteBoolean("fuel", c.ConsumeFuel);
            j.WriteBoolean("epochInterruption", c.EpochInterruption);
            j.WriteEndObject();
        }

        j.WriteString("moduleName", _module.Names?.ModuleName);
        var (wasiImports, role) = Wasi();
        j.WriteNumber("wasiImports", wasiImports);
        j.WriteString("wasiRole", role);
        WriteSectionsJson(j);
        j.WriteNumber("types", _module.Types.Count);
        WriteArray(j, "imports", _module.Imports, (j, i) =>
        {
            j.WriteString("module", i.Module);
            j.WriteString("name", i.Name);
            j.WriteString("kind", KindName(i.Kind));
            j.WriteString("type", ImportType(i));
        });
        WriteArray(j, "exports", _module.Exports, (j, e) =>
        {
            j.WriteString("name", e.Name);
            j.WriteString("kind", KindName(e.Kind));
            j.WriteNumber("index", e.Index);
            j.WriteString("type", ExportType(e));
        });
        WriteArray(j, "memories", [.. Memories()], (j, m) =>
        {
            j.WriteNumber("index", m.Index);
            j.WriteBoolean("imported", m.Imported);
            j.WriteNumber("minPages", m.Type.Limits.Min);
            WriteOptional(j, "maxPages", m.Type.Limits.Max);
            j.WriteNumber("pageSize", 1L << m.Type.PageSizeLog2);
            j.WriteBoolean("memory64", m.Type.Is64);
            j.WriteBoolean("shared", m.Type.Shared);
        });
        WriteArray(j, "tables", [.. Tables()], (j, t) =>
        {
            j.WriteNumber("index", t.Index);
            j.WriteBoolean("imported", t.Imported);
            j.WriteString("elementType", TypeText(t.Type.ElementType));
            j.WriteNumber("min", t.Type.Limits.Min);
            WriteOptional(j, "max", t.Type.Limits.Max);
        });
        WriteArray(j, "globals", [.. Globals()], (j, g) =>
        {
            j.WriteBoolean("imported", g.Imported);
            j.WriteString("type", TypeText(g.Type.Type));
            j.WriteBoolean("mutable", g.Type.Mutable);
        });
        j.WriteNumber("importedFunctions", ImportedFunctions);
        WriteArray(j, "functions", [.. DefinedFunctions()], (j, f) =>
        {
            j.WriteNumber("index", f.Index);
            j.WriteString("name", _module.Names?.FunctionNames.GetValueOrDefault(f.Index));
            j.WriteString("type", Signature(FunctionTypeIndex(f.Index)));
            j.WriteNumber("codeBytes", f.CodeBytes);
            j.WriteNumber("locals", f.Locals);
        });
        WriteOptional(j, "start", _module.Start is int start ? (ulong)start : null);
        WriteArray(j, "data", _module.Data, (j, d) =>
        {
            j.WriteString("mode", d.Mode.ToString().ToLowerInvariant());
            j.WriteNumber("bytes", d.Bytes.Length);
        });
        WriteArray(j, "elements", _module.Elements, (j, e) =>
        {
            j.WriteString("mode", e.Mode.ToString().ToLowerInvariant());
            j.WriteNumber("count", e.Count);
        });
        WriteToolSectionsJson(j);
        j.WriteEndObject();
    }

    private void WriteSectionsJson(Utf8JsonWriter j) => WriteArray(j, "sections", _sections, (j, s) =>
    {
        j.WriteNumber("id", s.Id);
        j.WriteString("name", s.CustomName ?? s.Name);
        j.WriteBoolean("custom", s.Id == 0);
        j.WriteNumber("offset", s.Offset);
        j.WriteNumber("size", s.Size);
        WriteOptional(j, "count", s.Count is int n ? (ulong)n : null);
    });

    private void WriteToolSectionsJson(Utf8JsonWriter j)
    {
        j.WritePropertyName("producers");
        if (ToolSections.ReadProducers(CustomSection("producers")) is { } producers)
        {
            j.WriteStartObject();
            foreach (var (field, values) in producers)
            {
                WriteArray(j, field, values, (j, v) =>
                {
                    j.WriteString("name", v.Name);
                    j.WriteString("version", v.Version);
                });
            }

            j.WriteEndObject();
        }
        else
        {
            j.WriteNullValue();
        }

        j.WritePropertyName("targetFeatures");
        if (ToolSections.ReadTargetFeatures(CustomSection("target_features")) is { } features)
        {
            j.WriteStartArray();
            foreach (var feature in features)
            {
                j.WriteStringValue(feature);
            }

            j.WriteEndArray();
        }
        else
        {
            j.WriteNullValue();
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter j, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> fields)
    {
        j.WriteStartArray(name);
        foreach (var item in items)
        {
            j.WriteStartObject();
            fields(j, item);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter j, string name, ulong? value)
    {
        if (value is ulong v)
        {
            j.WriteNumber(name, v);
        }
        else
        {
            j.WriteNull(name);
        }
    }
}
