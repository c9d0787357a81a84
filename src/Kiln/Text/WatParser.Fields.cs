using System.Text;
using Kiln.Binary;

namespace Kiln.Text;

internal sealed partial class WatParser
{
    private int _funcCount;
    private int _tableCount;
    private int _memCount;
    private int _globalCount;
    private int _tagCount;
    private readonly Dictionary<int, string> _funcAnnotatedNames = [];
    private readonly Dictionary<int, string> _tagAnnotatedNames = [];

    /// <summary>Reads <c>$id? (@name "...")? (export "name")*</c> after a field keyword and adds the exports.</summary>
    private string? FieldHead(ExternKind kind, int index)
    {
        OptionalId();
        TryNameAnnotation(out string? annotated);
        while (IsLParenKeyword("export"))
        {
            Next();
            Next();
            string name = ExpectName();
            ExpectRParen();
            _m.Exports.Add(new Export(name, kind, index));
        }

        return annotated;
    }

    /// <summary>Reads an inline <c>(import "module" "name")</c> if present.</summary>
    private bool InlineImport(out string module, out string name)
    {
        module = name = "";
        if (!IsLParenKeyword("import"))
        {
            return false;
        }

        Next();
        Next();
        module = ExpectName();
        name = ExpectName();
        ExpectRParen();
        return true;
    }

    private void ImportField()
    {
        ExpectLParen();
        ExpectKeyword("import");
        string module = ExpectName();
        string name = ExpectName();
        ExpectLParen();
        var kw = Next();
        OptionalId();
        TryNameAnnotation(out string? annotated);
        switch (kw.Text)
        {
            case "func":
                if (annotated is not null)
                {
                    _funcAnnotatedNames[_funcCount] = annotated;
                }

                _funcCount++;
                _m.Imports.Add(new Import(module, name, ExternKind.Function) { TypeIndex = TypeUse([], out _) });
                break;
            case "table":
                _tableCount++;
                _m.Imports.Add(new Import(module, name, ExternKind.Table) { Table = TableTypeOf() });
                break;
            case "memory":
                _memCount++;
                _m.Imports.Add(new Import(module, name, ExternKind.Memory) { Memory = MemoryTypeOf() });
                break;
            case "global":
                _globalCount++;
                _m.Imports.Add(new Import(module, name, ExternKind.Global) { Global = GlobalTypeOf() });
                break;
            default:
                if (annotated is not null)
                {
                    _tagAnnotatedNames[_tagCount] = annotated;
                }

                _tagCount++;
                _m.Imports.Add(new Import(module, name, ExternKind.Tag) { TypeIndex = TypeUse(null, out _) });
                break;
        }

        ExpectRParen();
        ExpectRParen();
    }

    private void FuncField()
    {
        ExpectLParen();
        ExpectKeyword("func");
        // A hint may come anywhere before the body's first instruction: the parser reads past it looking for the rest.
        _branchHints = [];
        int index = _funcCount++;
        string? annotated = FieldHead(ExternKind.Function, index);
        if (annotated is not null)
        {
            _funcAnnotatedNames[index] = annotated;
        }

        if (InlineImport(out string module, out string name))
        {
            _m.Imports.Add(new Import(module, name, ExternKind.Function) { TypeIndex = TypeUse([], out _) });
            ExpectRParen();
            if (_pendingHint is not null)
            {
                throw Error("@metadata.code.branch_hint annotation: not in a function", _t[_pos - 1]);
            }

            _branchHints = null;
            return;
        }

        var paramNames = new List<string?>();
        int typeIndex = TypeUse(paramNames, out _);
        _locals = new WatIndexSpace("local", "local");
        var localNames = new Dictionary<int, string>();
        foreach (string? p in paramNames)
        {
            AddLocal(p, localNames, Peek());
        }

        var groups = new List<LocalGroup>();
        while (IsLParenKeyword("local"))
        {
            Next();
            Next();
            if (Peek().Kind == WatTokenKind.Id)
            {
                var id = Next();
                TryNameAnnotation(out _);
                AddLocal(id.Text, localNames, id);
                AddLocalType(groups, ValTypeOf());
            }
            else
            {
                while (Peek().Kind != WatTokenKind.RParen)
                {
                    AddLocal(null, localNames, Peek());
                    AddLocalType(groups, ValTypeOf());
                }
            }

            ExpectRParen();
        }

        _code = new WatCodeBuffer();
        _labels.Clear();
        Instrs();
        ExpectRParen();
        _code.Byte(0x0B);
        foreach (var (offset, value) in _branchHints)
        {
            _m.BranchHints.Add(new BranchHint(_m.Functions.Count, offset, value));
        }

        _branchHints = null;
        _m.Functions.Add(typeIndex);
        _m.Code.Add(new FunctionBody([.. groups], new Expr(_code.ToArray(), 0)));
        if (localNames.Count > 0)
        {
            _m.Names!.LocalNames[index] = localNames;
        }

        _locals = null;
    }

    private void AddLocal(string? name, Dictionary<int, string> names, WatToken at)
    {
        if (!_locals!.TryAdd(name, out int index))
        {
            throw Error($"duplicate local ${name}", at);
        }

        if (name is not null)
        {
            names[index] = name;
        }
    }

    private static void AddLocalType(List<LocalGroup> groups, ValType type)
    {
        if (groups.Count > 0 && groups[^1].Type == type)
        {
            groups[^1] = groups[^1] with { Count = groups[^1].Count + 1 };
        }
        else
        {
            groups.Add(new LocalGroup(1, type));
        }
    }

    private void TableField()
    {
        ExpectLParen();
        ExpectKeyword("table");
        int index = _tableCount++;
        FieldHead(ExternKind.Table, index);
        if (InlineImport(out string module, out string name))
        {
            _m.Imports.Add(new Import(module, name, ExternKind.Table) { Table = TableTypeOf() });
            ExpectRParen();
            return;
        }

        int save = _pos;
        bool is64 = AddressType();
        if (AtValType())
        {
            // (table reftype (elem ...)): the table is exactly as large as its inline segment.
            var elemType = RefTypeOf();
            ExpectLParen();
            ExpectKeyword("elem");
            var (funcs, exprs) = ElemItems(allowBareIndices: true);
            ExpectRParen();
            if (funcs is not null && elemType != ValType.FuncRef)
            {
                exprs = [.. funcs.Select(RefFuncExpr)];
                funcs = null;
            }

            int count = funcs?.Length ?? exprs!.Length;
            _m.Tables.Add(new Table(new TableType(elemType, new Limits((ulong)count, (ulong)count), is64), null));
            _elemSlots[_nextElemSlot++] = new ElementSegment(SegmentMode.Active, funcs is null ? elemType : FuncIndexType)
            {
                TableIndex = index,
                Offset = ZeroOffset(is64),
                FunctionIndices = funcs,
                Expressions = exprs,
            };
            ExpectRParen();
            return;
        }

        _pos = save;
        var type = TableTypeOf();
        Expr? init = Peek().Kind == WatTokenKind.RParen ? null : ConstExpr();
        _m.Tables.Add(new Table(type, init));
        ExpectRParen();
    }

    private static Expr ZeroOffset(bool is64) => new(is64 ? new byte[] { 0x42, 0x00, 0x0B } : [0x41, 0x00, 0x0B], 0);

    private void MemoryField()
    {
        ExpectLParen();
        ExpectKeyword("memory");
        int index = _memCount++;
        FieldHead(ExternKind.Memory, index);
        if (InlineImport(out string module, out string name))
        {
            _m.Imports.Add(new Import(module, name, ExternKind.Memory) { Memory = MemoryTypeOf() });
            ExpectRParen();
            return;
        }

        int save = _pos;
        bool is64 = AddressType();
        int pageSizeLog2 = PageSize(16);
        if (IsLParenKeyword("data"))
        {
            Next();
            Next();
            byte[] bytes = Strings();
            ExpectRParen();
            ulong pageSize = 1UL << pageSizeLog2;
            ulong pages = ((ulong)bytes.Length + pageSize - 1) / pageSize;
            _m.Memories.Add(new MemoryType(new Limits(pages, pages), is64, false, pageSizeLog2));
            _dataSlots[_nextDataSlot++] = new DataSegment(SegmentMode.Active, bytes) { MemoryIndex = index, Offset = ZeroOffset(is64) };
            ExpectRParen();
            return;
        }

        _pos = save;
        _m.Memories.Add(MemoryTypeOf());
        ExpectRParen();
    }

    private byte[] Strings()
    {
        var bytes = new List<byte>();
        while (Peek().Kind == WatTokenKind.String)
        {
            bytes.AddRange(Next().Bytes);
        }

        return [.. bytes];
    }

    private void GlobalField()
    {
        ExpectLParen();
        ExpectKeyword("global");
        int index = _globalCount++;
        FieldHead(ExternKind.Global, index);
        if (InlineImport(out string module, out string name))
        {
            _m.Imports.Add(new Import(module, name, ExternKind.Global) { Global = GlobalTypeOf() });
            ExpectRParen();
            return;
        }

        var type = GlobalTypeOf();
        _m.Globals.Add(new Global(type, ConstExpr()));
        ExpectRParen();
    }

    private void TagField()
    {
        ExpectLParen();
        ExpectKeyword("tag");
        int index = _tagCount++;
        string? annotated = FieldHead(ExternKind.Tag, index);
        if (annotated is not null)
        {
            _tagAnnotatedNames[index] = annotated;
        }

        if (InlineImport(out string module, out string name))
        {
            _m.Imports.Add(new Import(module, name, ExternKind.Tag) { TypeIndex = TypeUse(null, out _) });
            ExpectRParen();
            return;
        }

        _m.Tags.Add(TypeUse(null, out _));
        ExpectRParen();
    }

    private void ExportField()
    {
        ExpectLParen();
        ExpectKeyword("export");
        string name = ExpectName();
        ExpectLParen();
        var kw = Next();
        var (kind, space) = kw.Text switch
        {
            "func" => (ExternKind.Function, _funcs),
            "table" => (ExternKind.Table, _tables),
            "memory" => (ExternKind.Memory, _mems),
            "global" => (ExternKind.Global, _globals),
            "tag" => (ExternKind.Tag, _tags),
            _ => throw Unexpected(kw),
        };
        _m.Exports.Add(new Export(name, kind, Index(space)));
        ExpectRParen();
        ExpectRParen();
    }

    private void StartField()
    {
        ExpectLParen();
        var kw = Next();
        int index = Index(_funcs);
        if (_m.Start is not null)
        {
            throw Error("multiple start sections", kw);
        }

        _m.Start = index;
        ExpectRParen();
    }

    private void ElemField()
    {
        ExpectLParen();
        ExpectKeyword("elem");
        OptionalId();
        int slot = _nextElemSlot++;
        ElementSegment segment;
        if (PeekIsKeyword("declare"))
        {
            Next();
            segment = ElemList(SegmentMode.Declarative, allowBareIndices: false);
        }
        else if (IsLParenKeyword("table") || (AtIndex() && PeekSecond().Kind == WatTokenKind.LParen)
            || (Peek().Kind == WatTokenKind.LParen && !AtValType() && !IsLParenKeyword("item")))
        {
            int table = 0;
            if (IsLParenKeyword("table"))
            {
                Next();
                Next();
                table = Index(_tables);
                ExpectRParen();
            }
            else if (AtIndex())
            {
                // The MVP form `(elem tableidx (offset) funcidx*)`, still used by the threads proposal's tests.
                table = Index(_tables);
            }

            var offset = Offset();
            segment = ElemList(SegmentMode.Active, allowBareIndices: true) with { TableIndex = table, Offset = offset };
        }
        else
        {
            segment = ElemList(SegmentMode.Passive, allowBareIndices: true);
        }

        _elemSlots[slot] = segment;
        ExpectRParen();
    }

    /// <summary>The element type of a list of function indices (as the binary format's compact encodings decode).</summary>
    private static ValType FuncIndexType => ValType.Ref(HeapType.Func, nullable: false);

    /// <summary><c>func funcidx*</c>, <c>reftype elemexpr*</c>, or (in the legacy abbreviation) bare <c>funcidx*</c>.</summary>
    private ElementSegment ElemList(SegmentMode mode, bool allowBareIndices)
    {
        if (PeekIsKeyword("func"))
        {
            Next();
            var (funcs, _) = ElemItems(allowBareIndices: true);
            return new ElementSegment(mode, FuncIndexType) { FunctionIndices = funcs ?? [] };
        }

        if (AtValType())
        {
            var type = RefTypeOf();
            var (_, exprs) = ElemItems(allowBareIndices: false);
            return new ElementSegment(mode, type) { Expressions = exprs ?? [] };
        }

        var (bare, items) = ElemItems(allowBareIndices);
        return items is not null && items.Length > 0
            ? new ElementSegment(mode, ValType.FuncRef) { Expressions = items }
            : new ElementSegment(mode, FuncIndexType) { FunctionIndices = bare ?? [] };
    }

    /// <summary>Function indices (when allowed and present) or element expressions (<c>(item ...)</c> or one folded instruction each).</summary>
    private (int[]? Funcs, Expr[]? Exprs) ElemItems(bool allowBareIndices)
    {
        if (allowBareIndices && Peek().Kind != WatTokenKind.LParen && AtIndex())
        {
            var funcs = new List<int>();
            while (AtIndex())
            {
                funcs.Add(Index(_funcs));
            }

            return ([.. funcs], null);
        }

        var exprs = new List<Expr>();
        while (Peek().Kind == WatTokenKind.LParen)
        {
            if (IsLParenKeyword("item"))
            {
                Next();
                Next();
                exprs.Add(ConstExpr());
                ExpectRParen();
            }
            else
            {
                exprs.Add(SingleFoldedExpr());
            }
        }

        return (null, [.. exprs]);
    }

    private static Expr RefFuncExpr(int function)
    {
        var code = new WatCodeBuffer();
        code.Op(Opcode.RefFunc);
        code.U32((uint)function);
        code.Byte(0x0B);
        return new Expr(code.ToArray(), 0);
    }

    /// <summary><c>(offset instr*)</c> or one folded instruction.</summary>
    private Expr Offset()
    {
        if (IsLParenKeyword("offset"))
        {
            Next();
            Next();
            var e = ConstExpr();
            ExpectRParen();
            return e;
        }

        return SingleFoldedExpr();
    }

    private Expr SingleFoldedExpr()
    {
        var saved = _code;
        _code = new WatCodeBuffer();
        Folded();
        _code.Byte(0x0B);
        var e = new Expr(_code.ToArray(), 0);
        _code = saved;
        return e;
    }

    /// <summary>A constant expression: instructions up to the closing parenthesis (not consumed).</summary>
    private Expr ConstExpr()
    {
        var saved = _code;
        var savedLabels = _labels;
        var savedHints = _branchHints;
        _code = new WatCodeBuffer();
        _labels = [];
        _branchHints = null;
        Instrs();
        _code.Byte(0x0B);
        var e = new Expr(_code.ToArray(), 0);
        _code = saved;
        _labels = savedLabels;
        _branchHints = savedHints;
        return e;
    }

    private void DataField()
    {
        ExpectLParen();
        ExpectKeyword("data");
        OptionalId();
        int slot = _nextDataSlot++;
        DataSegment segment;
        if (Peek().Kind is WatTokenKind.String or WatTokenKind.RParen)
        {
            segment = new DataSegment(SegmentMode.Passive, Strings());
        }
        else
        {
            int memory = 0;
            if (IsLParenKeyword("memory"))
            {
                Next();
                Next();
                memory = Index(_mems);
                ExpectRParen();
            }
            else if (AtIndex())
            {
                memory = Index(_mems);
            }

            var offset = Offset();
            segment = new DataSegment(SegmentMode.Active, Strings()) { MemoryIndex = memory, Offset = offset };
        }

        _dataSlots[slot] = segment;
        ExpectRParen();
    }

    // ---- annotations ----

    private static readonly string[] SectionOrder = ["type", "import", "func", "table", "memory", "tag", "global", "export", "start", "elem", "datacount", "code", "data"];

    private static int SectionId(string name) => name switch
    {
        "type" => 1,
        "import" => 2,
        "func" => 3,
        "table" => 4,
        "memory" => 5,
        "global" => 6,
        "export" => 7,
        "start" => 8,
        "elem" => 9,
        "code" => 10,
        "data" => 11,
        "datacount" => 12,
        "tag" => 13,
        _ => -1,
    };

    /// <summary><c>(@custom "name" (before|after section)? "bytes"*)</c>: a custom section placed as asked (default: at the end).</summary>
    private void CustomAnnotation()
    {
        _pos++;
        var nameToken = _t[_pos];
        if (nameToken.Kind != WatTokenKind.String)
        {
            throw Error("@custom annotation: missing section name", nameToken);
        }

        _pos++;
        if (!WatLexer.IsValidUtf8(nameToken.Bytes))
        {
            throw Error("@custom annotation: malformed UTF-8 encoding", nameToken);
        }

        int after = SectionId("data");
        if (_t[_pos].Kind == WatTokenKind.LParen)
        {
            _pos++;
            var where = _t[_pos++];
            var section = _t[_pos++];
            if (where.Kind != WatTokenKind.Keyword || where.Text is not ("before" or "after"))
            {
                throw Error("@custom annotation: malformed placement", where);
            }

            bool known = section.Kind == WatTokenKind.Keyword && (SectionId(section.Text) > 0 || section.Text is "first" or "last");
            if (!known)
            {
                throw Error("@custom annotation: malformed section kind", section);
            }

            after = (where.Text, section.Text) switch
            {
                ("before", "first") => 0,
                ("after", "first") => 0,
                ("before", "last") or ("after", "last") => SectionId("data"),
                ("after", var s) => SectionId(s),
                (_, var s) => Array.IndexOf(SectionOrder, s) == 0 ? 0 : SectionId(SectionOrder[Array.IndexOf(SectionOrder, s) - 1]),
            };
            if (_t[_pos].Kind != WatTokenKind.RParen)
            {
                throw Error("@custom annotation: unexpected token", _t[_pos]);
            }

            _pos++;
        }

        var content = new List<byte>();
        while (_t[_pos].Kind == WatTokenKind.String)
        {
            content.AddRange(_t[_pos++].Bytes);
        }

        if (_t[_pos].Kind != WatTokenKind.RParen)
        {
            throw Error("@custom annotation: unexpected token", _t[_pos]);
        }

        _pos++;
        _m.CustomSections.Add(new CustomSection(Encoding.UTF8.GetString(nameToken.Bytes), content.ToArray(), after));
    }
}
