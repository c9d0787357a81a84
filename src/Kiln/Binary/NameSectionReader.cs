namespace Kiln.Binary;

/// <summary>
/// Parses the contents of the <c>name</c> custom section (with the extended-name-section subsections). Names are
/// only for tools and traces, so a malformed subsection never fails the module: parsing stops there and the
/// subsections read before it are kept.
/// </summary>
internal static class NameSectionReader
{
    /// <summary>Subsection ids of the name section.</summary>
    private enum Subsection : byte
    {
        Module = 0,
        Function = 1,
        Local = 2,
        Label = 3,
        Type = 4,
        Table = 5,
        Memory = 6,
        Global = 7,
        Element = 8,
        Data = 9,
        Field = 10,
        Tag = 11,
    }

    /// <summary>Parses <paramref name="content"/> (the section's bytes after its name; <paramref name="baseOffset"/> is where they start in the module).</summary>
    public static NameSection Read(ReadOnlySpan<byte> content, int baseOffset)
    {
        var names = new NameSection();
        var r = new WasmReader(content, baseOffset, "name");
        try
        {
            while (!r.AtEnd)
            {
                byte id = r.ReadByte();
                int size = r.ReadCount();
                var sub = new WasmReader(r.ReadBytes(size), r.Offset - size, "name");
                ReadSubsection(ref sub, (Subsection)id, names);
            }
        }
        catch (WasmDecodeException)
        {
            // Keep what was read; see the type's remarks.
        }

        return names;
    }

    private static void ReadSubsection(ref WasmReader r, Subsection id, NameSection names)
    {
        // Each subsection is read whole before any of it is stored, so a broken one leaves no partial entries.
        switch (id)
        {
            case Subsection.Module:
                string moduleName = r.ReadName();
                CheckEnd(ref r);
                names.ModuleName = moduleName;
                break;
            case Subsection.Function:
                ReadNameMap(ref r, names.FunctionNames);
                break;
            case Subsection.Local:
                ReadIndirectNameMap(ref r, names.LocalNames);
                break;
            case Subsection.Label:
                ReadIndirectNameMap(ref r, names.LabelNames);
                break;
            case Subsection.Type:
                ReadNameMap(ref r, names.TypeNames);
                break;
            case Subsection.Table:
                ReadNameMap(ref r, names.TableNames);
                break;
            case Subsection.Memory:
                ReadNameMap(ref r, names.MemoryNames);
                break;
            case Subsection.Global:
                ReadNameMap(ref r, names.GlobalNames);
                break;
            case Subsection.Element:
                ReadNameMap(ref r, names.ElementNames);
                break;
            case Subsection.Data:
                ReadNameMap(ref r, names.DataNames);
                break;
            case Subsection.Field:
                ReadIndirectNameMap(ref r, names.FieldNames);
                break;
            case Subsection.Tag:
                ReadNameMap(ref r, names.TagNames);
                break;
            default:
                // Unknown subsections are skipped: later tools may add more.
                break;
        }
    }

    private static void CheckEnd(ref WasmReader r)
    {
        if (!r.AtEnd)
        {
            throw r.Error("section size mismatch");
        }
    }

    private static void ReadNameMap(ref WasmReader r, Dictionary<int, string> target)
    {
        var map = ReadNameMap(ref r);
        CheckEnd(ref r);
        foreach (var (index, name) in map)
        {
            target[index] = name;
        }
    }

    private static Dictionary<int, string> ReadNameMap(ref WasmReader r)
    {
        int n = r.ReadCount();
        var map = new Dictionary<int, string>(n);
        for (int i = 0; i < n; i++)
        {
            int index = r.ReadIndex();
            map[index] = r.ReadName();
        }

        return map;
    }

    private static void ReadIndirectNameMap(ref WasmReader r, Dictionary<int, Dictionary<int, string>> target)
    {
        int n = r.ReadCount();
        var maps = new List<(int Index, Dictionary<int, string> Names)>(n);
        for (int i = 0; i < n; i++)
        {
            int index = r.ReadIndex();
            maps.Add((index, ReadNameMap(ref r)));
        }

        CheckEnd(ref r);
        foreach (var (index, names) in maps)
        {
            target[index] = names;
        }
    }
}
