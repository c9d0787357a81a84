namespace Kiln.Binary;

/// <summary>
/// Decodes a binary module into a <see cref="WasmModule"/>. Like the spec's reference interpreter, it reads one stream
/// over the whole module and checks each section's and function body's declared size after reading it, so malformed
/// inputs fail with the same reasons. Every function body and constant expression is walked instruction by instruction
/// (nothing is allocated per instruction) so that every malformed encoding is reported here, not at validation;
/// the <see cref="Expr"/> values point into the given bytes.
/// </summary>
internal ref partial struct ModuleReader
{
    /// <summary>The position of each known section id in the required order (type, import, function, table, memory, tag, global, export, start, element, data count, code, data); 0 for custom.</summary>
    private static ReadOnlySpan<byte> SectionRank => [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly bool _customPageSizes;
    private readonly WasmModule _m = new();
    private WasmReader _r;

    /// <summary>Open blocks while walking code, one <see cref="Frame"/> each; reused across bodies.</summary>
    private byte[] _frames = new byte[64];

    /// <summary>Set when a function body uses a data index (memory.init, data.drop, array.new_data, array.init_data).</summary>
    private bool _usesDataIndex;

    private ModuleReader(ReadOnlyMemory<byte> bytes, bool customPageSizes)
    {
        _bytes = bytes;
        _customPageSizes = customPageSizes;
        _r = new WasmReader(bytes.Span);
    }

    /// <summary>Decodes <paramref name="bytes"/>, which the returned module keeps referencing (do not modify them afterwards).</summary>
    /// <param name="bytes">The binary module.</param>
    /// <param name="customPageSizes">
    /// Accept the custom-page-sizes proposal's memory flag 0x08 (a page size follows the limits). Off by default:
    /// Wasm 3.0 treats that flag as malformed, and the core spec tests check it.
    /// </param>
    /// <exception cref="WasmDecodeException">The module is malformed.</exception>
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes, bool customPageSizes = false)
    {
        var reader = new ModuleReader(bytes, customPageSizes);
        reader.ReadModule();
        return reader._m;
    }

    private void ReadModule()
    {
        ReadHeader();
        int lastRank = 0;
        int lastId = 0;
        while (!_r.AtEnd)
        {
            int idAt = _r.Offset;
            byte id = _r.ReadByte();
            if (id >= SectionRank.Length)
            {
                throw _r.ErrorAt("malformed section id", idAt);
            }

            if (id != 0)
            {
                // A known section out of order (or repeated) ends the sequence the decoder accepts.
                if (SectionRank[id] <= lastRank)
                {
                    throw _r.ErrorAt("unexpected content after last section", idAt);
                }

                lastRank = SectionRank[id];
                lastId = id;
            }

            _r.Section = SectionName(id);
            int size = ReadLength();
            int start = _r.Position;
            ReadSection(id, size, lastId);
            if (_r.Position != start + size)
            {
                throw _r.ErrorAt("section size mismatch", start);
            }

            _r.Section = null;
        }

        int end = _r.Offset;
        if (_m.Functions.Count != _m.Code.Count)
        {
            throw _r.ErrorAt("function and code section have inconsistent lengths", end);
        }

        if (_m.DataCount is uint count && count != (uint)_m.Data.Count)
        {
            throw _r.ErrorAt("data count and data section have inconsistent lengths", end);
        }

        if (_m.DataCount is null && _usesDataIndex)
        {
            throw _r.ErrorAt("data count section required", end);
        }
    }

    private void ReadHeader()
    {
        var span = _bytes.Span;
        if (span.Length < 4)
        {
            throw new WasmDecodeException("unexpected end", span.Length, null);
        }

        if (span[0] != 0x00 || span[1] != 0x61 || span[2] != 0x73 || span[3] != 0x6D)
        {
            throw new WasmDecodeException("magic header not detected", 0, null);
        }

        if (span.Length < 8)
        {
            throw new WasmDecodeException("unexpected end", span.Length, null);
        }

        if (span[4] != 0x01 || span[5] != 0x00 || span[6] != 0x00 || span[7] != 0x00)
        {
            // A component (wasm32-wasip2 programs) has version 0x0d and layer 1; say so, after the spec's words.
            bool component = span[4] == 0x0d && span[5] == 0x00 && span[6] == 0x01 && span[7] == 0x00;
            throw new WasmDecodeException(
                component ? "unknown binary version: a WebAssembly component, and Kiln does not support the component model yet" : "unknown binary version",
                4,
                null);
        }

        _r.Position = 8;
    }

    private static string SectionName(byte id) => id switch
    {
        0 => "custom",
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "data count",
        _ => "tag",
    };

    private void ReadSection(byte id, int size, int lastId)
    {
        switch (id)
        {
            case 0:
                ReadCustomSection(size, lastId);
                break;
            case 1:
                ReadTypeSection();
                break;
            case 2:
                ReadImportSection();
                break;
            case 3:
                ReadFunctionSection();
                break;
            case 4:
                ReadTableSection();
                break;
            case 5:
                ReadMemorySection();
                break;
            case 6:
                ReadGlobalSection();
                break;
            case 7:
                ReadExportSection();
                break;
            case 8:
                _m.Start = _r.ReadIndex();
                break;
            case 9:
                ReadElementSection();
                break;
            case 10:
                ReadCodeSection();
                break;
            case 11:
                ReadDataSection();
                break;
            case 12:
                _m.DataCount = _r.ReadU32();
                break;
            default:
                ReadTagSection();
                break;
        }
    }

    private int ReadLength() => (int)_r.ReadLength();

    private void ReadCustomSection(int size, int lastId)
    {
        int start = _r.Position;
        string name = _r.ReadName();
        int contentLength = size - (_r.Position - start);
        if (contentLength < 0)
        {
            throw _r.Error(WasmReader.UnexpectedEnd);
        }

        int contentStart = _r.Position;
        _r.ReadBytes(contentLength);
        var content = _bytes.Slice(contentStart, contentLength);
        _m.CustomSections.Add(new CustomSection(name, content, lastId));
        if (name == "name" && _m.Names is null)
        {
            _m.Names = NameSectionReader.Read(content.Span, contentStart);
        }
    }

    private void ReadTypeSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            if (_r.PeekByte() == 0x4E)
            {
                _r.ReadByte();
                int count = _r.ReadCount();
                int first = _m.Types.Count;
                for (int j = 0; j < count; j++)
                {
                    _m.Types.Add(ReadSubType());
                }

                _m.RecGroups.Add(new RecGroup(first, count));
            }
            else
            {
                _m.Types.Add(ReadSubType());
                _m.RecGroups.Add(new RecGroup(_m.Types.Count - 1, 1));
            }
        }
    }

    private SubType ReadSubType()
    {
        byte b = _r.PeekByte();
        if (b is 0x50 or 0x4F)
        {
            _r.ReadByte();
            int n = _r.ReadCount();
            var supers = n == 0 ? [] : new int[n];
            for (int i = 0; i < n; i++)
            {
                supers[i] = _r.ReadIndex();
            }

            return new SubType(ReadCompositeType(), final: b == 0x4F, supers);
        }

        return new SubType(ReadCompositeType(), final: true, []);
    }

    private CompositeType ReadCompositeType()
    {
        int at = _r.Offset;
        byte code = _r.ReadByte();
        switch (code)
        {
            case 0x60:
                var parameters = ReadValTypes();
                var results = ReadValTypes();
                return new FuncType(parameters, results);
            case 0x5F:
                int n = _r.ReadCount();
                var fields = n == 0 ? [] : new FieldType[n];
                for (int i = 0; i < n; i++)
                {
                    fields[i] = ReadFieldType();
                }

                return new StructType(fields);
            case 0x5E:
                return new ArrayType(ReadFieldType());
            default:
                throw _r.MalformedType(code, "malformed definition type", at);
        }
    }

    private ValType[] ReadValTypes()
    {
        int n = _r.ReadCount();
        if (n == 0)
        {
            return [];
        }

        var types = new ValType[n];
        for (int i = 0; i < n; i++)
        {
            types[i] = _r.ReadValType();
        }

        return types;
    }

    private FieldType ReadFieldType()
    {
        var type = _r.ReadStorageType();
        return new FieldType(type, ReadMutability());
    }

    private bool ReadMutability()
    {
        int at = _r.Offset;
        return _r.ReadByte() switch
        {
            0 => false,
            1 => true,
            _ => throw _r.ErrorAt("malformed mutability", at),
        };
    }

    private GlobalType ReadGlobalType()
    {
        var type = _r.ReadValType();
        return new GlobalType(type, ReadMutability());
    }

    /// <summary>
    /// Reads the limits flags byte: bit 0 has a maximum, bit 1 shared (memories, threads proposal), bit 2 64-bit
    /// addresses, bit 3 a custom page size follows (memories, when enabled).
    /// </summary>
    private byte ReadLimitsFlags(bool memory)
    {
        int at = _r.Offset;
        byte flags = _r.ReadByte();
        int allowed = !memory ? 0x05 : _customPageSizes ? 0x0F : 0x07;
        return (flags & ~allowed) == 0 ? flags : throw _r.ErrorAt("malformed limits flags", at);
    }

    private TableType ReadTableType()
    {
        var element = _r.ReadRefType();
        byte flags = ReadLimitsFlags(memory: false);
        bool is64 = (flags & 4) != 0;
        return new TableType(element, _r.ReadLimits(flags), is64);
    }

    private MemoryType ReadMemoryType()
    {
        byte flags = ReadLimitsFlags(memory: true);
        bool is64 = (flags & 4) != 0;
        var limits = _r.ReadLimits(flags);
        int pageSizeLog2 = 16;
        if ((flags & 8) != 0)
        {
            // Validation decides which page sizes are allowed; a log2 beyond 64 cannot be a size at all.
            int at = _r.Offset;
            uint log2 = _r.ReadU32();
            pageSizeLog2 = log2 <= 64 ? (int)log2 : throw _r.ErrorAt("invalid custom page size", at);
        }

        return new MemoryType(limits, is64, Shared: (flags & 2) != 0, pageSizeLog2);
    }

    /// <summary>Reads a tag's attribute byte (0: exception) and its type index.</summary>
    private int ReadTagType()
    {
        int at = _r.Offset;
        return _r.ReadByte() == 0 ? _r.ReadIndex() : throw _r.ErrorAt("malformed tag attribute", at);
    }

    private void ReadImportSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            string module = _r.ReadName();
            string name = _r.ReadName();
            int at = _r.Offset;
            var import = _r.ReadByte() switch
            {
                0 => new Import(module, name, ExternKind.Function) { TypeIndex = _r.ReadIndex() },
                1 => new Import(module, name, ExternKind.Table) { Table = ReadTableType() },
                2 => new Import(module, name, ExternKind.Memory) { Memory = ReadMemoryType() },
                3 => new Import(module, name, ExternKind.Global) { Global = ReadGlobalType() },
                4 => new Import(module, name, ExternKind.Tag) { TypeIndex = ReadTagType() },
                _ => throw _r.ErrorAt("malformed import kind", at),
            };
            _m.Imports.Add(import);
        }
    }

    private void ReadFunctionSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            _m.Functions.Add(_r.ReadIndex());
        }
    }

    private void ReadTableSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            if (_r.PeekByte() == 0x40)
            {
                // 0x40 0x00 tabletype expr: a table with an explicit initialiser.
                _r.ReadByte();
                int at = _r.Offset;
                if (_r.ReadByte() != 0)
                {
                    throw _r.ErrorAt("malformed table", at);
                }

                var type = ReadTableType();
                _m.Tables.Add(new Table(type, ReadConstExpr()));
            }
            else
            {
                _m.Tables.Add(new Table(ReadTableType(), null));
            }
        }
    }

    private void ReadMemorySection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            _m.Memories.Add(ReadMemoryType());
        }
    }

    private void ReadTagSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            _m.Tags.Add(ReadTagType());
        }
    }

    private void ReadGlobalSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            var type = ReadGlobalType();
            _m.Globals.Add(new Global(type, ReadConstExpr()));
        }
    }

    private void ReadExportSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            string name = _r.ReadName();
            int at = _r.Offset;
            byte kind = _r.ReadByte();
            if (kind > (byte)ExternKind.Tag)
            {
                throw _r.ErrorAt("malformed export kind", at);
            }

            _m.Exports.Add(new Export(name, (ExternKind)kind, _r.ReadIndex()));
        }
    }

    private void ReadElementSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            _m.Elements.Add(ReadElementSegment());
        }
    }

    /// <summary>
    /// Reads one of the 8 element segment encodings. Flag bit 0: passive or declarative (bit 1 picks which);
    /// when active, bit 1: explicit table index; bit 2: items are expressions with a reference type instead of
    /// function indices with an element kind. The function-index forms have type <c>(ref func)</c>.
    /// </summary>
    private ElementSegment ReadElementSegment()
    {
        int at = _r.Offset;
        uint flags = _r.ReadU32();
        if (flags > 7)
        {
            throw _r.ErrorAt("malformed elements segment kind", at);
        }

        bool passiveOrDeclarative = (flags & 1) != 0;
        bool explicitTypes = (flags & 2) != 0;
        bool expressions = (flags & 4) != 0;
        var mode = !passiveOrDeclarative ? SegmentMode.Active : explicitTypes ? SegmentMode.Declarative : SegmentMode.Passive;
        int table = 0;
        Expr offset = default;
        if (mode == SegmentMode.Active)
        {
            if (explicitTypes)
            {
                table = _r.ReadIndex();
            }

            offset = ReadConstExpr();
        }

        // Flags 0 and 4 imply the type; the others spell it out.
        bool typeGiven = passiveOrDeclarative || explicitTypes;
        if (expressions)
        {
            var type = typeGiven ? _r.ReadRefType() : ValType.FuncRef;
            int count = _r.ReadCount();
            var items = count == 0 ? [] : new Expr[count];
            for (int i = 0; i < count; i++)
            {
                items[i] = ReadConstExpr();
            }

            return new ElementSegment(mode, type) { TableIndex = table, Offset = offset, Expressions = items };
        }

        if (typeGiven)
        {
            int kindAt = _r.Offset;
            if (_r.ReadByte() != 0)
            {
                throw _r.ErrorAt("malformed element kind", kindAt);
            }
        }

        int n = _r.ReadCount();
        var functions = n == 0 ? [] : new int[n];
        for (int i = 0; i < n; i++)
        {
            functions[i] = _r.ReadIndex();
        }

        return new ElementSegment(mode, ValType.Ref(HeapType.Func, nullable: false)) { TableIndex = table, Offset = offset, FunctionIndices = functions };
    }

    private void ReadDataSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            int at = _r.Offset;
            uint flags = _r.ReadU32();
            var segment = flags switch
            {
                0 => new DataSegment(SegmentMode.Active, default) { Offset = ReadConstExpr() },
                1 => new DataSegment(SegmentMode.Passive, default),
                2 => new DataSegment(SegmentMode.Active, default) { MemoryIndex = _r.ReadIndex(), Offset = ReadConstExpr() },
                _ => throw _r.ErrorAt("malformed data segment kind", at),
            };
            int length = ReadLength();
            int start = _r.Position;
            _r.ReadBytes(length);
            _m.Data.Add(segment with { Bytes = _bytes.Slice(start, length) });
        }
    }

    private void ReadCodeSection()
    {
        int n = _r.ReadCount();
        for (int i = 0; i < n; i++)
        {
            int size = ReadLength();
            int start = _r.Position;
            var locals = ReadLocals();
            var body = ReadExpr(functionBody: true);
            if (_r.Position != start + size)
            {
                throw _r.ErrorAt("section size mismatch", start);
            }

            _m.Code.Add(new FunctionBody(locals, body));
        }
    }

    private LocalGroup[] ReadLocals()
    {
        int at = _r.Offset;
        int n = _r.ReadCount();
        if (n == 0)
        {
            return [];
        }

        var groups = new LocalGroup[n];
        ulong total = 0;
        for (int i = 0; i < n; i++)
        {
            uint count = _r.ReadU32();
            total += count;
            groups[i] = new LocalGroup(count, _r.ReadValType());
        }

        return total <= uint.MaxValue ? groups : throw _r.ErrorAt("too many locals", at);
    }

    private Expr ReadConstExpr() => ReadExpr(functionBody: false);
}
