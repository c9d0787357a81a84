using Kiln.Binary;

namespace Kiln.Text;

internal sealed partial class WatParser
{
    private static HeapKind? AbstractHeap(string keyword) => keyword switch
    {
        "func" => HeapKind.Func,
        "extern" => HeapKind.Extern,
        "any" => HeapKind.Any,
        "eq" => HeapKind.Eq,
        "i31" => HeapKind.I31,
        "struct" => HeapKind.Struct,
        "array" => HeapKind.Array,
        "none" => HeapKind.None,
        "nofunc" => HeapKind.NoFunc,
        "noextern" => HeapKind.NoExtern,
        "exn" => HeapKind.Exn,
        "noexn" => HeapKind.NoExn,
        _ => null,
    };

    private static HeapKind? ShorthandRef(string keyword) => keyword switch
    {
        "funcref" => HeapKind.Func,
        "externref" => HeapKind.Extern,
        "anyref" => HeapKind.Any,
        "eqref" => HeapKind.Eq,
        "i31ref" => HeapKind.I31,
        "structref" => HeapKind.Struct,
        "arrayref" => HeapKind.Array,
        "nullref" => HeapKind.None,
        "nullfuncref" => HeapKind.NoFunc,
        "nullexternref" => HeapKind.NoExtern,
        "exnref" => HeapKind.Exn,
        "nullexnref" => HeapKind.NoExn,
        _ => null,
    };

    private HeapType HeapTypeOf()
    {
        var t = Peek();
        if (t.Kind == WatTokenKind.Keyword && AbstractHeap(t.Text) is { } kind)
        {
            Next();
            return new HeapType(kind);
        }

        return HeapType.OfIndex(Index(_types));
    }

    /// <summary>True when a value type (or, with <paramref name="storage"/>, a packed type) starts here.</summary>
    private bool AtValType(bool storage = false)
    {
        var t = Peek();
        if (t.Kind == WatTokenKind.Keyword)
        {
            return t.Text is "i32" or "i64" or "f32" or "f64" or "v128" || ShorthandRef(t.Text) is not null
                || (storage && t.Text is "i8" or "i16");
        }

        return t.Kind == WatTokenKind.LParen && PeekSecond() is { Kind: WatTokenKind.Keyword, Text: "ref" };
    }

    private ValType ValTypeOf(bool storage = false)
    {
        var t = Next();
        if (t.Kind == WatTokenKind.Keyword)
        {
            switch (t.Text)
            {
                case "i32": return ValType.I32;
                case "i64": return ValType.I64;
                case "f32": return ValType.F32;
                case "f64": return ValType.F64;
                case "v128": return ValType.V128;
                case "i8" when storage: return ValType.I8;
                case "i16" when storage: return ValType.I16;
            }

            if (ShorthandRef(t.Text) is { } kind)
            {
                return ValType.Ref(new HeapType(kind), nullable: true);
            }

            throw Unexpected(t);
        }

        if (t.Kind == WatTokenKind.LParen)
        {
            ExpectKeyword("ref");
            bool nullable = false;
            if (PeekIsKeyword("null"))
            {
                Next();
                nullable = true;
            }

            var heap = HeapTypeOf();
            ExpectRParen();
            return ValType.Ref(heap, nullable);
        }

        throw Unexpected(t);
    }

    private ValType RefTypeOf()
    {
        var at = Peek();
        var type = ValTypeOf();
        return type.IsRef ? type : throw Unexpected(at);
    }

    // ---- type definitions ----

    private void TypeField(bool rec)
    {
        ExpectLParen();
        Next();
        int start = _m.Types.Count;
        if (rec)
        {
            while (IsLParenKeyword("type"))
            {
                Next();
                Next();
                TypeDefinition();
            }

            ExpectRParen();
        }
        else
        {
            TypeDefinition();
        }

        _m.RecGroups.Add(new RecGroup(start, _m.Types.Count - start));
    }

    /// <summary>After <c>(type</c>: <c>$id? (sub final? typeidx* comptype) | comptype)</c>, consuming the closing parenthesis.</summary>
    private void TypeDefinition()
    {
        OptionalId();
        TryNameAnnotation(out _);
        int index = _m.Types.Count;
        ExpectLParen();
        var kw = Next();
        SubType sub;
        if (kw is { Kind: WatTokenKind.Keyword, Text: "sub" })
        {
            bool final = false;
            if (PeekIsKeyword("final"))
            {
                Next();
                final = true;
            }

            var supers = new List<int>();
            while (Peek().Kind is WatTokenKind.Id or WatTokenKind.Number)
            {
                supers.Add(Index(_types));
            }

            ExpectLParen();
            var comp = CompositeTypeOf(Next(), index);
            ExpectRParen();
            sub = new SubType(comp, final, [.. supers]);
        }
        else
        {
            sub = new SubType(CompositeTypeOf(kw, index), final: true, []);
        }

        _m.Types.Add(sub);
        ExpectRParen();
    }

    /// <summary>After <c>(func</c>, <c>(struct</c> or <c>(array</c>, up to and including the closing parenthesis.</summary>
    private CompositeType CompositeTypeOf(WatToken kw, int typeIndex)
    {
        if (kw.Kind != WatTokenKind.Keyword)
        {
            throw Unexpected(kw);
        }

        switch (kw.Text)
        {
            case "func":
            {
                var (ps, rs) = Signature([]);
                ExpectRParen();
                return new FuncType([.. ps], [.. rs]);
            }

            case "struct":
            {
                var fields = new List<FieldType>();
                var names = new WatIndexSpace("field", "field");
                _fieldNames[typeIndex] = names;
                while (IsLParenKeyword("field"))
                {
                    Next();
                    Next();
                    if (Peek().Kind == WatTokenKind.Id)
                    {
                        var id = Next();
                        if (!names.TryAdd(id.Text, out _))
                        {
                            throw Error($"duplicate field ${id.Text}", id);
                        }

                        fields.Add(FieldTypeOf());
                    }
                    else
                    {
                        while (Peek().Kind != WatTokenKind.RParen)
                        {
                            names.AddAnonymous(1);
                            fields.Add(FieldTypeOf());
                        }
                    }

                    ExpectRParen();
                }

                ExpectRParen();
                return new StructType([.. fields]);
            }

            case "array":
            {
                var element = FieldTypeOf();
                ExpectRParen();
                return new ArrayType(element);
            }

            default:
                throw Unexpected(kw);
        }
    }

    private FieldType FieldTypeOf()
    {
        if (IsLParenKeyword("mut"))
        {
            Next();
            Next();
            var t = ValTypeOf(storage: true);
            ExpectRParen();
            return new FieldType(t, Mutable: true);
        }

        return new FieldType(ValTypeOf(storage: true), Mutable: false);
    }

    /// <summary>
    /// Reads <c>(param ...)* (result ...)*</c>. Parameter names go to <paramref name="paramNames"/> when given
    /// (function definitions); elsewhere a named parameter is a syntax error.
    /// </summary>
    private (List<ValType> Params, List<ValType> Results) Signature(List<string?>? paramNames)
    {
        var ps = new List<ValType>();
        var rs = new List<ValType>();
        while (IsLParenKeyword("param"))
        {
            Next();
            Next();
            if (Peek().Kind == WatTokenKind.Id)
            {
                var id = Peek();
                if (paramNames is null)
                {
                    throw Unexpected(id);
                }

                Next();
                TryNameAnnotation(out _);
                paramNames.Add(id.Text);
                ps.Add(ValTypeOf());
            }
            else
            {
                while (Peek().Kind != WatTokenKind.RParen)
                {
                    paramNames?.Add(null);
                    ps.Add(ValTypeOf());
                }
            }

            ExpectRParen();
        }

        while (IsLParenKeyword("result"))
        {
            Next();
            Next();
            while (Peek().Kind != WatTokenKind.RParen)
            {
                rs.Add(ValTypeOf());
            }

            ExpectRParen();
        }

        if (IsLParenKeyword("param"))
        {
            throw Unexpected(PeekSecond());
        }

        return (ps, rs);
    }

    /// <summary>
    /// A type use: <c>(type x)? (param ...)* (result ...)*</c>. Returns the type index (an implicit type is appended when
    /// no <c>(type x)</c> is given and no identical plain function type exists) and the parameter types.
    /// </summary>
    private int TypeUse(List<string?>? paramNames, out FuncType? signature)
    {
        int? explicitIndex = null;
        WatToken at = Peek();
        if (IsLParenKeyword("type"))
        {
            Next();
            Next();
            explicitIndex = Index(_types);
            ExpectRParen();
        }

        var (ps, rs) = Signature(paramNames);
        if (explicitIndex is int x)
        {
            bool inRange = (uint)x < (uint)_m.Types.Count;
            var declared = inRange ? _m.Types[x].AsFunc : null;
            if (ps.Count > 0 || rs.Count > 0)
            {
                if (declared is null)
                {
                    throw Error(inRange ? "inline function type" : $"unknown type {(uint)x}", at);
                }

                if (!declared.Params.AsSpan().SequenceEqual(ps.ToArray()) || !declared.Results.AsSpan().SequenceEqual(rs.ToArray()))
                {
                    throw Error("inline function type", at);
                }
            }
            else if (paramNames is not null && declared is not null)
            {
                foreach (var _ in declared.Params)
                {
                    paramNames.Add(null);
                }
            }

            signature = declared;
            return x;
        }

        var type = new FuncType([.. ps], [.. rs]);
        signature = type;
        return ImplicitType(type);
    }

    /// <summary>The first plain (final, no supertypes, alone in its recursion group) function type equal to <paramref name="type"/>, appended if none.</summary>
    private int ImplicitType(FuncType type)
    {
        foreach (var group in _m.RecGroups)
        {
            if (group.Count == 1 && _m.Types[group.Start] is { Final: true, SuperTypes.Length: 0, Composite: FuncType f }
                && f.Params.AsSpan().SequenceEqual(type.Params) && f.Results.AsSpan().SequenceEqual(type.Results))
            {
                return group.Start;
            }
        }

        int index = _m.Types.Count;
        _m.Types.Add(new SubType(type, final: true, []));
        _m.RecGroups.Add(new RecGroup(index, 1));
        _types.AddAnonymous(1);
        return index;
    }

    /// <summary>A block type: <c>(type x)? (param ...)* (result ...)*</c>, using the short forms when possible.</summary>
    private BlockType BlockTypeOf()
    {
        if (!IsLParenKeyword("type", "param") && !IsLParenKeyword("result"))
        {
            return BlockType.Empty;
        }

        if (!IsLParenKeyword("type", "param"))
        {
            int save = _pos;
            var (_, rs) = Signature(null);
            if (rs.Count == 1)
            {
                return new BlockType(BlockTypeKind.Value, rs[0]);
            }

            _pos = save;
        }

        return new BlockType(BlockTypeKind.TypeIndex, TypeIndex: TypeUse(null, out _));
    }

    private void WriteBlockType(WatCodeBuffer code, BlockType bt)
    {
        switch (bt.Kind)
        {
            case BlockTypeKind.Empty:
                code.Byte(0x40);
                break;
            case BlockTypeKind.Value:
                code.ValType(bt.Value);
                break;
            default:
                code.S64(bt.TypeIndex);
                break;
        }
    }

    // ---- limits, table, memory and global types ----

    private Limits LimitsOf(bool is64)
    {
        ulong min = LimitValue(is64);
        ulong? max = Peek().Kind == WatTokenKind.Number ? LimitValue(is64) : null;
        return new Limits(min, max);
    }

    private ulong LimitValue(bool is64)
    {
        var t = NextNumber();
        // Sizes beyond 32 bits are the validator's to reject for 32-bit memories and tables.
        if (!NumberLiterals.TryParseU64(t.Text, out ulong v))
        {
            throw Error(is64 ? "i64 constant out of range" : "i32 constant out of range", t);
        }

        return v;
    }

    /// <summary>An optional address type keyword (<c>i32</c> or <c>i64</c>); true for i64.</summary>
    private bool AddressType()
    {
        if (PeekIsKeyword("i64"))
        {
            Next();
            return true;
        }

        if (PeekIsKeyword("i32"))
        {
            Next();
        }

        return false;
    }

    private TableType TableTypeOf()
    {
        bool is64 = AddressType();
        var limits = LimitsOf(is64);
        return new TableType(RefTypeOf(), limits, is64);
    }

    private MemoryType MemoryTypeOf()
    {
        bool is64 = AddressType();
        var limits = LimitsOf(is64);
        bool shared = false;
        if (PeekIsKeyword("shared"))
        {
            Next();
            shared = true;
        }
        else if (PeekIsKeyword("unshared"))
        {
            Next();
        }

        int pageSizeLog2 = PageSize(16);
        return new MemoryType(limits, is64, shared, pageSizeLog2);
    }

    private int PageSize(int defaultLog2)
    {
        if (!IsLParenKeyword("pagesize"))
        {
            return defaultLog2;
        }

        Next();
        Next();
        var t = Next();
        if (t.Kind != WatTokenKind.Number || !NumberLiterals.TryParseU64(t.Text, out ulong size))
        {
            throw Unexpected(t);
        }

        if (size == 0 || (size & (size - 1)) != 0 || size > 1UL << 32)
        {
            throw Error("invalid custom page size", t);
        }

        ExpectRParen();
        return System.Numerics.BitOperations.Log2(size);
    }

    private GlobalType GlobalTypeOf()
    {
        if (IsLParenKeyword("mut"))
        {
            Next();
            Next();
            var t = ValTypeOf();
            ExpectRParen();
            return new GlobalType(t, Mutable: true);
        }

        return new GlobalType(ValTypeOf(), Mutable: false);
    }

    // ---- indices ----

    /// <summary>An index: a u32 literal, or a <c>$name</c> bound in <paramref name="space"/>.</summary>
    private int Index(WatIndexSpace space)
    {
        var t = Next();
        if (t.Kind == WatTokenKind.Id)
        {
            return space.TryGet(t.Text, out int index) ? index : throw Error($"unknown {space.UnknownName} ${t.Text}", t);
        }

        return NumericIndex(t);
    }

    private static int NumericIndex(WatToken t)
    {
        if (t.Kind != WatTokenKind.Number)
        {
            throw Unexpected(t);
        }

        if (!NumberLiterals.IsNat(t.Text))
        {
            throw Unexpected(t);
        }

        // Kept as the same 32 bits so the encoded immediate is exactly what the text says.
        return NumberLiterals.TryParseU32(t.Text, out uint v) ? unchecked((int)v) : throw Error("i32 constant out of range", t);
    }

    private bool AtIndex() => Peek().Kind is WatTokenKind.Id or WatTokenKind.Number;
}
