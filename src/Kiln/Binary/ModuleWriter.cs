namespace Kiln.Binary;

/// <summary>
/// Encodes a <see cref="WasmModule"/> in the binary format: every non-empty section in the required order (and empty
/// ones that a custom section follows), custom sections back where <see cref="CustomSection.After"/> puts them, code bodies and constant expressions copied from
/// their <see cref="Expr"/> bytes, and a <c>name</c> section built from <see cref="WasmModule.Names"/> when the module
/// has no raw one. Integers use their shortest encoding, so a module decoded from a canonically encoded binary is
/// written back byte for byte.
/// </summary>
internal static class ModuleWriter
{
    /// <summary>Section ids in the order the binary format requires.</summary>
    private static ReadOnlySpan<byte> SectionOrder => [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

    /// <summary>Encodes <paramref name="module"/>.</summary>
    public static byte[] Write(WasmModule module)
    {
        var output = new WasmWriter();
        var section = new WasmWriter();
        output.WriteBytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        WriteCustomSections(module, 0, output);
        foreach (byte id in SectionOrder)
        {
            section.Clear();

            // An empty section is kept when a custom section is placed after it, so that placement survives.
            if (WriteSection(module, id, section) || (id is not (8 or 12) && HasCustomSectionAfter(module, id) && WriteEmptyVector(section)))
            {
                output.WriteByte(id);
                output.WriteVector(section.WrittenSpan);
            }

            WriteCustomSections(module, id, output);
        }

        if (module.Names is { } names && !module.CustomSections.Exists(c => c.Name == "name"))
        {
            section.Clear();
            section.WriteName("name");
            NameSectionWriter.Write(names, section);
            output.WriteByte(0);
            output.WriteVector(section.WrittenSpan);
        }

        return output.ToArray();
    }

    private static bool HasCustomSectionAfter(WasmModule module, int id) => module.CustomSections.Exists(c => c.After == id);

    private static bool WriteEmptyVector(WasmWriter w)
    {
        w.WriteU32(0);
        return true;
    }

    private static void WriteCustomSections(WasmModule module, int after, WasmWriter output)
    {
        foreach (var custom in module.CustomSections)
        {
            if (custom.After != after)
            {
                continue;
            }

            var content = new WasmWriter();
            content.WriteName(custom.Name);
            content.WriteBytes(custom.Content.Span);
            output.WriteByte(0);
            output.WriteVector(content.WrittenSpan);
        }
    }

    /// <summary>Writes the contents of section <paramref name="id"/>; false when the module has nothing for it.</summary>
    private static bool WriteSection(WasmModule m, byte id, WasmWriter w)
    {
        switch (id)
        {
            case 1:
                return m.Types.Count > 0 && WriteTypes(m, w);
            case 2:
                return WriteVector(m.Imports, w, WriteImport);
            case 3:
                return WriteVector(m.Functions, w, static (t, w) => w.WriteIndex(t));
            case 4:
                return WriteVector(m.Tables, w, WriteTable);
            case 5:
                return WriteVector(m.Memories, w, WriteMemoryType);
            case 13:
                return WriteVector(m.Tags, w, WriteTagType);
            case 6:
                return WriteVector(m.Globals, w, static (g, w) =>
                {
                    WriteGlobalType(g.Type, w);
                    w.WriteBytes(g.Init.Code.Span);
                });
            case 7:
                return WriteVector(m.Exports, w, static (e, w) =>
                {
                    w.WriteName(e.Name);
                    w.WriteByte((byte)e.Kind);
                    w.WriteIndex(e.Index);
                });
            case 8:
                if (m.Start is int start)
                {
                    w.WriteIndex(start);
                    return true;
                }

                return false;
            case 9:
                return WriteVector(m.Elements, w, WriteElement);
            case 12:
                uint? count = m.DataCount ?? (UsesDataIndex(m) ? (uint)m.Data.Count : null);
                if (count is uint n)
                {
                    w.WriteU32(n);
                    return true;
                }

                return false;
            case 10:
                var body = new WasmWriter();
                return WriteVector(m.Code, w, (f, w) =>
                {
                    body.Clear();
                    body.WriteU32((uint)f.Locals.Length);
                    foreach (var group in f.Locals)
                    {
                        body.WriteU32(group.Count);
                        body.WriteValType(group.Type);
                    }

                    body.WriteBytes(f.Body.Code.Span);
                    w.WriteVector(body.WrittenSpan);
                });
            case 11:
                return WriteVector(m.Data, w, WriteData);
            default:
                throw new ArgumentOutOfRangeException(nameof(id));
        }
    }

    private static bool WriteVector<T>(List<T> items, WasmWriter w, Action<T, WasmWriter> write)
    {
        if (items.Count == 0)
        {
            return false;
        }

        w.WriteU32((uint)items.Count);
        foreach (var item in items)
        {
            write(item, w);
        }

        return true;
    }

    private static bool WriteTypes(WasmModule m, WasmWriter w)
    {
        // A model built without rec groups (each type on its own) is written as singleton groups.
        if (m.RecGroups.Count == 0)
        {
            w.WriteU32((uint)m.Types.Count);
            foreach (var type in m.Types)
            {
                WriteSubType(type, w);
            }

            return true;
        }

        w.WriteU32((uint)m.RecGroups.Count);
        foreach (var group in m.RecGroups)
        {
            if (group.Count == 1)
            {
                WriteSubType(m.Types[group.Start], w);
                continue;
            }

            w.WriteByte(0x4E);
            w.WriteU32((uint)group.Count);
            for (int i = group.Start; i < group.Start + group.Count; i++)
            {
                WriteSubType(m.Types[i], w);
            }
        }

        return true;
    }

    private static void WriteSubType(SubType type, WasmWriter w)
    {
        if (!type.Final || type.SuperTypes.Length > 0)
        {
            w.WriteByte(type.Final ? (byte)0x4F : (byte)0x50);
            w.WriteU32((uint)type.SuperTypes.Length);
            foreach (int super in type.SuperTypes)
            {
                w.WriteIndex(super);
            }
        }

        switch (type.Composite)
        {
            case FuncType func:
                w.WriteByte(0x60);
                WriteValTypes(func.Params, w);
                WriteValTypes(func.Results, w);
                break;
            case StructType str:
                w.WriteByte(0x5F);
                w.WriteU32((uint)str.Fields.Length);
                foreach (var field in str.Fields)
                {
                    WriteFieldType(field, w);
                }

                break;
            case ArrayType array:
                w.WriteByte(0x5E);
                WriteFieldType(array.Element, w);
                break;
            default:
                throw new ArgumentException($"unknown composite type {type.Composite.GetType().Name}", nameof(type));
        }
    }

    private static void WriteValTypes(ValType[] types, WasmWriter w)
    {
        w.WriteU32((uint)types.Length);
        foreach (var t in types)
        {
            w.WriteValType(t);
        }
    }

    private static void WriteFieldType(FieldType field, WasmWriter w)
    {
        w.WriteValType(field.Type);
        w.WriteByte(field.Mutable ? (byte)1 : (byte)0);
    }

    private static void WriteGlobalType(GlobalType type, WasmWriter w)
    {
        w.WriteValType(type.Type);
        w.WriteByte(type.Mutable ? (byte)1 : (byte)0);
    }

    private static void WriteTableType(TableType type, WasmWriter w)
    {
        w.WriteValType(type.ElementType);
        w.WriteLimits(type.Limits, type.Is64);
    }

    private static void WriteMemoryType(MemoryType type, WasmWriter w) =>
        w.WriteLimits(type.Limits, type.Is64, type.Shared, type.PageSizeLog2);

    private static void WriteTagType(int typeIndex, WasmWriter w)
    {
        w.WriteByte(0);
        w.WriteIndex(typeIndex);
    }

    private static void WriteImport(Import import, WasmWriter w)
    {
        w.WriteName(import.Module);
        w.WriteName(import.Name);
        w.WriteByte((byte)import.Kind);
        switch (import.Kind)
        {
            case ExternKind.Function:
                w.WriteIndex(import.TypeIndex);
                break;
            case ExternKind.Table:
                WriteTableType(import.Table, w);
                break;
            case ExternKind.Memory:
                WriteMemoryType(import.Memory, w);
                break;
            case ExternKind.Global:
                WriteGlobalType(import.Global, w);
                break;
            case ExternKind.Tag:
                WriteTagType(import.TypeIndex, w);
                break;
            default:
                throw new ArgumentException($"unknown import kind {import.Kind}", nameof(import));
        }
    }

    private static void WriteTable(Table table, WasmWriter w)
    {
        if (table.Init is Expr init)
        {
            w.WriteByte(0x40);
            w.WriteByte(0x00);
            WriteTableType(table.Type, w);
            w.WriteBytes(init.Code.Span);
        }
        else
        {
            WriteTableType(table.Type, w);
        }
    }

    /// <summary>
    /// Picks the most compact of the 8 element encodings. Function-index lists have type <c>(ref func)</c> in the
    /// binary format; a list with another element type is written as <c>ref.func</c> expressions.
    /// </summary>
    private static void WriteElement(ElementSegment e, WasmWriter w)
    {
        bool indices = e.FunctionIndices is not null && e.ElementType == ValType.Ref(HeapType.Func, nullable: false);
        bool implicitType = indices || e.ElementType == ValType.FuncRef;
        uint flags = e.Mode switch
        {
            SegmentMode.Passive => 1,
            SegmentMode.Declarative => 3,
            _ => e.TableIndex == 0 && implicitType ? 0u : 2u,
        };
        if (!indices)
        {
            flags |= 4;
        }

        w.WriteU32(flags);
        if (e.Mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0)
            {
                w.WriteIndex(e.TableIndex);
            }

            w.WriteBytes(e.Offset.Code.Span);
        }

        bool typeGiven = (flags & 3) != 0;
        if (indices)
        {
            if (typeGiven)
            {
                w.WriteByte(0x00);
            }

            w.WriteU32((uint)e.FunctionIndices!.Length);
            foreach (int f in e.FunctionIndices)
            {
                w.WriteIndex(f);
            }

            return;
        }

        if (typeGiven)
        {
            w.WriteValType(e.ElementType);
        }

        w.WriteU32((uint)e.Count);
        if (e.Expressions is { } expressions)
        {
            foreach (var expr in expressions)
            {
                w.WriteBytes(expr.Code.Span);
            }
        }
        else
        {
            foreach (int f in e.FunctionIndices!)
            {
                w.WriteByte((byte)Opcode.RefFunc);
                w.WriteIndex(f);
                w.WriteByte((byte)Opcode.End);
            }
        }
    }

    private static void WriteData(DataSegment d, WasmWriter w)
    {
        if (d.Mode == SegmentMode.Passive)
        {
            w.WriteByte(1);
        }
        else if (d.MemoryIndex == 0)
        {
            w.WriteByte(0);
            w.WriteBytes(d.Offset.Code.Span);
        }
        else
        {
            w.WriteByte(2);
            w.WriteIndex(d.MemoryIndex);
            w.WriteBytes(d.Offset.Code.Span);
        }

        w.WriteVector(d.Bytes.Span);
    }

    /// <summary>True when a function body refers to a data segment, which makes the data count section required.</summary>
    private static bool UsesDataIndex(WasmModule m)
    {
        foreach (var f in m.Code)
        {
            var code = new InstructionReader(f.Body);
            while (!code.AtEnd)
            {
                if (code.Read() is Opcode.MemoryInit or Opcode.DataDrop or Opcode.ArrayNewData or Opcode.ArrayInitData)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
