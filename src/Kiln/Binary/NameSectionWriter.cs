namespace Kiln.Binary;

/// <summary>Encodes a <see cref="NameSection"/> as the contents of a <c>name</c> custom section (after its name): non-empty subsections in id order, entries by ascending index.</summary>
internal static class NameSectionWriter
{
    public static void Write(NameSection names, WasmWriter w)
    {
        var sub = new WasmWriter();
        if (names.ModuleName is { } moduleName)
        {
            sub.WriteName(moduleName);
            Emit(0, sub, w);
        }

        WriteMap(1, names.FunctionNames, sub, w);
        WriteIndirectMap(2, names.LocalNames, sub, w);
        WriteIndirectMap(3, names.LabelNames, sub, w);
        WriteMap(4, names.TypeNames, sub, w);
        WriteMap(5, names.TableNames, sub, w);
        WriteMap(6, names.MemoryNames, sub, w);
        WriteMap(7, names.GlobalNames, sub, w);
        WriteMap(8, names.ElementNames, sub, w);
        WriteMap(9, names.DataNames, sub, w);
        WriteIndirectMap(10, names.FieldNames, sub, w);
        WriteMap(11, names.TagNames, sub, w);
    }

    private static void Emit(byte id, WasmWriter sub, WasmWriter w)
    {
        w.WriteByte(id);
        w.WriteVector(sub.WrittenSpan);
        sub.Clear();
    }

    private static void WriteMap(byte id, Dictionary<int, string> map, WasmWriter sub, WasmWriter w)
    {
        if (map.Count == 0)
        {
            return;
        }

        WriteNameMap(map, sub);
        Emit(id, sub, w);
    }

    private static void WriteIndirectMap(byte id, Dictionary<int, Dictionary<int, string>> map, WasmWriter sub, WasmWriter w)
    {
        if (map.Count == 0)
        {
            return;
        }

        sub.WriteU32((uint)map.Count);
        foreach (var (index, inner) in map.OrderBy(e => e.Key))
        {
            sub.WriteIndex(index);
            WriteNameMap(inner, sub);
        }

        Emit(id, sub, w);
    }

    private static void WriteNameMap(Dictionary<int, string> map, WasmWriter w)
    {
        w.WriteU32((uint)map.Count);
        foreach (var (index, name) in map.OrderBy(e => e.Key))
        {
            w.WriteIndex(index);
            w.WriteName(name);
        }
    }
}
