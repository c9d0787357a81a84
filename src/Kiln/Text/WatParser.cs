using System.Text;
using Kiln.Binary;

namespace Kiln.Text;

/// <summary>
/// Parses a WebAssembly text module into the same <see cref="WasmModule"/> the binary decoder produces: function
/// bodies and constant expressions are encoded to the binary instruction format. Names are resolved at parse time
/// (an unknown <c>$name</c> is a <see cref="WatParseException"/>); numeric indices are left for the validator.
/// </summary>
/// <remarks>
/// Two passes over the module fields: the first binds every <c>$name</c> to its index (so fields may refer forward),
/// the second parses types, then everything else in text order (implicit function types are appended to the type
/// section in the order their type uses occur, after all explicit types, as the spec says).
/// </remarks>
internal sealed partial class WatParser
{
    private readonly List<WatToken> _t;
    private int _pos;
    private readonly WasmModule _m = new();

    private readonly WatIndexSpace _types = new("type", "type");
    private readonly WatIndexSpace _funcs = new("func", "function");
    private readonly WatIndexSpace _tables = new("table", "table");
    private readonly WatIndexSpace _mems = new("memory", "memory");
    private readonly WatIndexSpace _globals = new("global", "global");
    private readonly WatIndexSpace _tags = new("tag", "tag");
    private readonly WatIndexSpace _elems = new("elem", "elem segment");
    private readonly WatIndexSpace _datas = new("data", "data segment");

    /// <summary>Field names of each struct type, by type index.</summary>
    private readonly Dictionary<int, WatIndexSpace> _fieldNames = [];

    private readonly List<Field> _fields = [];
    private ElementSegment?[] _elemSlots = [];
    private DataSegment?[] _dataSlots = [];
    private int _nextElemSlot;
    private int _nextDataSlot;

    private WatParser(List<WatToken> tokens, int pos)
    {
        _t = tokens;
        _pos = pos;
    }

    /// <summary>Parses <c>(module $id? field*)</c>, or a bare list of module fields, from <paramref name="text"/>.</summary>
    public static WasmModule ParseModule(string text, int firstLine = 1) => ParseModule(Encoding.UTF8.GetBytes(text), firstLine);

    /// <summary>Parses a module from UTF-8 bytes (as <c>module quote</c> strings give them; malformed UTF-8 is an error).</summary>
    public static WasmModule ParseModule(byte[] utf8, int firstLine = 1)
    {
        var tokens = WatLexer.Tokenize(utf8, firstLine, keepAnnotations: true);
        var p = new WatParser(tokens, 0);
        WasmModule module;
        if (tokens[0].Kind == WatTokenKind.LParen && tokens[1] is { Kind: WatTokenKind.Keyword, Text: "module" })
        {
            int pos = 0;
            module = ParseModule(tokens, ref pos);
            p._pos = pos;
        }
        else
        {
            module = p.ParseFields(null);
        }

        var end = p.Peek();
        if (end.Kind != WatTokenKind.Eof)
        {
            throw Unexpected(end);
        }

        return module;
    }

    /// <summary>
    /// Parses <c>(module $id? field*)</c> starting at <paramref name="pos"/> (the opening parenthesis) of a token list
    /// from <see cref="WatLexer.Tokenize(byte[], int, bool)"/>, leaving <paramref name="pos"/> after the closing one.
    /// For script parsers: tokenize the script with <c>keepAnnotations: true</c> to keep <c>(@custom)</c> and
    /// <c>(@name)</c>, and skip annotations yourself outside modules.
    /// </summary>
    public static WasmModule ParseModule(List<WatToken> tokens, ref int pos)
    {
        var p = new WatParser(tokens, pos);
        p.ExpectLParen();
        p.ExpectKeyword("module");
        string? name = p.OptionalId();
        var module = p.ParseFields(name);
        p.ExpectRParen();
        pos = p._pos;
        return module;
    }

    /// <summary>
    /// Parses module fields from <paramref name="pos"/> up to (not including) the closing parenthesis or end of input,
    /// for script forms such as <c>(module definition $id field*)</c> whose head the caller has read.
    /// </summary>
    public static WasmModule ParseModuleFields(List<WatToken> tokens, ref int pos, string? moduleName)
    {
        var p = new WatParser(tokens, pos);
        var module = p.ParseFields(moduleName);
        pos = p._pos;
        return module;
    }

    /// <summary>One module field: where it starts (its opening parenthesis) and what it is.</summary>
    private readonly record struct Field(string Kind, int Start);

    private WasmModule ParseFields(string? moduleName)
    {
        var names = new NameSection { ModuleName = moduleName };
        _m.Names = names;
        if (TryNameAnnotation(out string? annotated))
        {
            names.ModuleName = annotated;
            if (_t[_pos] is { Kind: WatTokenKind.Annotation, Text: "name" } second)
            {
                throw Error("@name annotation: multiple module", second);
            }
        }

        _scanning = true;
        ScanFields();
        _scanning = false;
        int bodyEnd = _pos;
        _elemSlots = new ElementSegment?[_elems.Count];
        _dataSlots = new DataSegment?[_datas.Count];

        foreach (var f in _fields)
        {
            if (f.Kind is "type" or "rec")
            {
                _pos = f.Start;
                TypeField(f.Kind == "rec");
            }
        }

        foreach (var f in _fields)
        {
            _pos = f.Start;
            switch (f.Kind)
            {
                case "import": ImportField(); break;
                case "func": FuncField(); break;
                case "table": TableField(); break;
                case "memory": MemoryField(); break;
                case "global": GlobalField(); break;
                case "tag": TagField(); break;
                case "export": ExportField(); break;
                case "start": StartField(); break;
                case "elem": ElemField(); break;
                case "data": DataField(); break;
                case "@custom": CustomAnnotation(); break;
            }
        }

        foreach (var e in _elemSlots)
        {
            _m.Elements.Add(e!);
        }

        foreach (var d in _dataSlots)
        {
            _m.Data.Add(d!);
        }

        // The binary format needs a data count section when code refers to data segments by index.
        if (_m.Data.Count > 0 && _usesDataIndex)
        {
            _m.DataCount = (uint)_m.Data.Count;
        }

        _pos = bodyEnd;
        FillNames(names);
        return _m;
    }

    /// <summary>Set when code uses memory.init, data.drop or array.*_data.</summary>
    private bool _usesDataIndex;

    private void FillNames(NameSection names)
    {
        foreach (var (index, name) in _funcAnnotatedNames)
        {
            names.FunctionNames[index] = name;
        }

        foreach (var (index, name) in _tagAnnotatedNames)
        {
            names.TagNames[index] = name;
        }

        foreach (var (name, index) in _funcs.Names)
        {
            names.FunctionNames.TryAdd(index, name);
        }

        foreach (var (name, index) in _types.Names)
        {
            names.TypeNames[index] = name;
        }

        foreach (var (name, index) in _tables.Names)
        {
            names.TableNames[index] = name;
        }

        foreach (var (name, index) in _mems.Names)
        {
            names.MemoryNames[index] = name;
        }

        foreach (var (name, index) in _globals.Names)
        {
            names.GlobalNames[index] = name;
        }

        foreach (var (name, index) in _tags.Names)
        {
            names.TagNames.TryAdd(index, name);
        }

        foreach (var (name, index) in _elems.Names)
        {
            names.ElementNames[index] = name;
        }

        foreach (var (name, index) in _datas.Names)
        {
            names.DataNames[index] = name;
        }

        foreach (var (type, fields) in _fieldNames)
        {
            var map = new Dictionary<int, string>();
            foreach (var (name, index) in fields.Names)
            {
                map[index] = name;
            }

            if (map.Count > 0)
            {
                names.FieldNames[type] = map;
            }
        }
    }

    // ---- pass 1: bind names ----

    private string? _firstDefinition;

    /// <summary>True during pass 1, which reads fields' heads only: branch hints are left for pass 2 to place.</summary>
    private bool _scanning;

    private void ScanFields()
    {
        while (true)
        {
            var raw = _t[_pos];
            if (raw.Kind == WatTokenKind.Annotation)
            {
                if (raw.Text == "custom")
                {
                    _fields.Add(new Field("@custom", _pos));
                    _pos = SkipForm(_pos);
                    continue;
                }

                if (raw.Text == "name")
                {
                    throw Error("misplaced @name annotation", raw);
                }

                if (raw.Text == BranchHintAnnotation)
                {
                    throw Error("@metadata.code.branch_hint annotation: not in a function", raw);
                }

                _pos = SkipForm(_pos);
                continue;
            }

            var tok = Peek();
            if (tok.Kind != WatTokenKind.LParen)
            {
                return;
            }

            int start = _pos;
            Next();
            var kw = Next();
            if (kw.Kind != WatTokenKind.Keyword)
            {
                throw Unexpected(kw);
            }

            switch (kw.Text)
            {
                case "type":
                    Bind(_types, OptionalId(), IdOr(kw));
                    break;
                case "rec":
                    while (IsLParenKeyword("type"))
                    {
                        int inner = _pos;
                        Next();
                        var typeKw = Next();
                        Bind(_types, OptionalId(), IdOr(typeKw));
                        _pos = SkipForm(inner);
                    }

                    break;
                case "func" or "table" or "memory" or "global" or "tag":
                    ScanDefinition(kw);
                    break;
                case "import":
                    ScanImport(kw);
                    break;
                case "elem":
                    Bind(_elems, OptionalId(), IdOr(kw));
                    break;
                case "data":
                    Bind(_datas, OptionalId(), IdOr(kw));
                    break;
                case "export" or "start":
                    break;
                default:
                    throw Unexpected(kw);
            }

            _fields.Add(new Field(kw.Text, start));
            _pos = SkipForm(start);
        }
    }

    private WatIndexSpace SpaceOf(string kind) => kind switch
    {
        "func" => _funcs,
        "table" => _tables,
        "memory" => _mems,
        "global" => _globals,
        _ => _tags,
    };

    private static string DefinitionName(string kind) => kind == "func" ? "function" : kind;

    private void ScanDefinition(WatToken kw)
    {
        string? id = OptionalId();
        var at = IdOr(kw);
        TryNameAnnotation(out _);
        while (IsLParenKeyword("export"))
        {
            _pos = SkipForm(_pos);
        }

        if (IsLParenKeyword("import"))
        {
            if (_firstDefinition is not null)
            {
                throw Error($"import after {_firstDefinition}", kw);
            }
        }
        else
        {
            _firstDefinition ??= DefinitionName(kw.Text);

            // An inline (elem ...) in a table or (data ...) in a memory defines a segment right here.
            int depth = 0;
            for (int p = _pos; p < _t.Count && depth >= 0; p++)
            {
                var t = _t[p];
                if (t.Kind == WatTokenKind.LParen)
                {
                    if (depth == 0 && p + 1 < _t.Count && _t[p + 1].Kind == WatTokenKind.Keyword)
                    {
                        if (kw.Text == "table" && _t[p + 1].Text == "elem")
                        {
                            _elems.AddAnonymous(1);
                        }
                        else if (kw.Text == "memory" && _t[p + 1].Text == "data")
                        {
                            _datas.AddAnonymous(1);
                        }
                    }

                    depth++;
                }
                else if (t.Kind == WatTokenKind.RParen)
                {
                    depth--;
                }
                else if (t.Kind == WatTokenKind.Eof)
                {
                    break;
                }
            }
        }

        Bind(SpaceOf(kw.Text), id, at);
    }

    private void ScanImport(WatToken kw)
    {
        if (_firstDefinition is not null)
        {
            throw Error($"import after {_firstDefinition}", kw);
        }

        ExpectString();
        ExpectString();
        ExpectLParen();
        var desc = Next();
        if (desc.Kind != WatTokenKind.Keyword || desc.Text is not ("func" or "table" or "memory" or "global" or "tag"))
        {
            throw Unexpected(desc);
        }

        Bind(SpaceOf(desc.Text), OptionalId(), IdOr(desc));
    }

    /// <summary>Where a duplicate name is reported: the identifier just read, else the field keyword.</summary>
    private WatToken IdOr(WatToken keyword) => _t[_pos - 1].Kind == WatTokenKind.Id ? _t[_pos - 1] : keyword;

    private void Bind(WatIndexSpace space, string? name, WatToken at)
    {
        if (!space.TryAdd(name, out _))
        {
            throw Error($"duplicate {space.DuplicateName} ${name}", at);
        }
    }

    /// <summary>The index just after the form whose opening parenthesis (or annotation) is at <paramref name="start"/>.</summary>
    private int SkipForm(int start)
    {
        int depth = 0;
        int p = start;
        while (true)
        {
            var t = _t[p];
            if (t.Kind is WatTokenKind.LParen or WatTokenKind.Annotation)
            {
                depth++;
            }
            else if (t.Kind == WatTokenKind.RParen)
            {
                depth--;
                if (depth == 0)
                {
                    return p + 1;
                }
            }
            else if (t.Kind == WatTokenKind.Eof)
            {
                throw Error("unexpected end of input", t);
            }

            p++;
        }
    }

    // ---- token cursor ----

    /// <summary>
    /// Skips annotations the parser does not interpret and reads branch hints; <c>(@custom)</c> and <c>(@name)</c> are only
    /// allowed where the parser looks for them.
    /// </summary>
    private void SkipAnnotations()
    {
        while (_t[_pos].Kind == WatTokenKind.Annotation)
        {
            var a = _t[_pos];
            if (a.Text is "custom" or "name")
            {
                throw Error($"misplaced @{a.Text} annotation", a);
            }

            if (a.Text == BranchHintAnnotation && !_scanning)
            {
                // Read wherever the parser meets it: a hint is for the next instruction, folded operands included.
                BranchHintAnnotations();
                continue;
            }

            _pos = SkipForm(_pos);
        }
    }

    /// <summary>The next token, which must be a number literal.</summary>
    private WatToken NextNumber()
    {
        var t = Next();
        return t.Kind == WatTokenKind.Number ? t : throw Unexpected(t);
    }

    private WatToken Peek()
    {
        SkipAnnotations();
        var t = _t[_pos];
        return t.Kind == WatTokenKind.Reserved ? throw Unexpected(t) : t;
    }

    /// <summary>The token after the next one, skipping annotations (for <c>( keyword</c> lookahead).</summary>
    private WatToken PeekSecond()
    {
        SkipAnnotations();
        int p = _pos + 1;
        while (_t[p].Kind == WatTokenKind.Annotation)
        {
            p = SkipForm(p);
        }

        return _t[p];
    }

    private WatToken Next()
    {
        var t = Peek();
        if (t.Kind != WatTokenKind.Eof)
        {
            _pos++;
        }

        return t;
    }

    private bool IsLParenKeyword(string keyword) =>
        Peek().Kind == WatTokenKind.LParen && PeekSecond() is { Kind: WatTokenKind.Keyword } k && k.Text == keyword;

    private bool IsLParenKeyword(string a, string b) =>
        Peek().Kind == WatTokenKind.LParen && PeekSecond() is { Kind: WatTokenKind.Keyword } k && (k.Text == a || k.Text == b);

    private bool PeekIsKeyword(string keyword) => Peek() is { Kind: WatTokenKind.Keyword } k && k.Text == keyword;

    private void ExpectLParen()
    {
        var t = Next();
        if (t.Kind != WatTokenKind.LParen)
        {
            throw Unexpected(t);
        }
    }

    private void ExpectRParen()
    {
        var t = Next();
        if (t.Kind != WatTokenKind.RParen)
        {
            throw Unexpected(t);
        }
    }

    private void ExpectKeyword(string keyword)
    {
        var t = Next();
        if (t.Kind != WatTokenKind.Keyword || t.Text != keyword)
        {
            throw Unexpected(t);
        }
    }

    private byte[] ExpectString()
    {
        var t = Next();
        return t.Kind == WatTokenKind.String ? t.Bytes : throw Unexpected(t);
    }

    private string ExpectName()
    {
        var t = Peek();
        byte[] bytes = ExpectString();
        return WatLexer.IsValidUtf8(bytes) ? Encoding.UTF8.GetString(bytes) : throw Error("malformed UTF-8 encoding", t);
    }

    private string? OptionalId()
    {
        SkipUninterpretedAnnotations();
        return _t[_pos].Kind == WatTokenKind.Id ? Next().Text : null;
    }

    /// <summary>Skips annotations other than <c>(@custom)</c> and <c>(@name)</c>, which the caller may be looking for.</summary>
    private void SkipUninterpretedAnnotations()
    {
        while (_t[_pos] is { Kind: WatTokenKind.Annotation } a && a.Text is not ("custom" or "name" or BranchHintAnnotation))
        {
            _pos = SkipForm(_pos);
        }
    }

    /// <summary>Reads <c>(@name "...")</c> at a place that allows it (right after a binder).</summary>
    private bool TryNameAnnotation(out string? name)
    {
        name = null;
        SkipUninterpretedAnnotations();
        if (_t[_pos] is not { Kind: WatTokenKind.Annotation, Text: "name" } a)
        {
            return false;
        }

        _pos++;
        name = a.Text == "name" ? ExpectName() : null;
        ExpectRParen();
        return true;
    }

    private static WatParseException Error(string reason, WatToken at) => new(reason, at.Line, at.Column);

    /// <summary>
    /// A token the grammar does not allow here. Like the reference interpreter, whose lexer only knows the format's
    /// keywords, a word that is no keyword at all is an "unknown operator".
    /// </summary>
    private static WatParseException Unexpected(WatToken at) =>
        at.Kind switch
        {
            WatTokenKind.Eof => Error("unexpected end of input", at),
            WatTokenKind.Reserved => Error($"unknown operator {at.Text}", at),
            WatTokenKind.Keyword when !IsKnownKeyword(at.Text) => Error($"unknown operator {at.Text}", at),
            _ => Error("unexpected token", at),
        };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "module", "type", "rec", "sub", "final", "func", "struct", "array", "field", "param", "result", "local", "global",
        "table", "memory", "elem", "data", "import", "export", "start", "offset", "item", "declare", "mut", "then", "do",
        "ref", "null", "tag", "i32", "i64", "f32", "f64", "v128", "i8", "i16", "shared", "unshared", "pagesize", "quote", "binary",
        "definition", "instance", "register", "invoke", "get", "extern", "any", "eq", "i31", "none", "nofunc", "noextern",
        "exn", "noexn", "exact", "funcref", "externref", "anyref", "eqref", "i31ref", "structref", "arrayref", "nullref",
        "nullfuncref", "nullexternref", "exnref", "nullexnref", "catch_ref", "catch_all_ref", "i8x16", "i16x8", "i32x4",
        "i64x2", "f32x4", "f64x2", "inf", "nan", "first", "last", "before", "after", "code", "datacount", "nan:canonical", "nan:arithmetic", "either",
    };

    private static bool IsKnownKeyword(string word) =>
        Keywords.Contains(word) || OpcodeTable.TryGetByName(word, out _) || word.StartsWith("offset=", StringComparison.Ordinal)
        || word.StartsWith("align=", StringComparison.Ordinal) || word.StartsWith("assert_", StringComparison.Ordinal);
}
