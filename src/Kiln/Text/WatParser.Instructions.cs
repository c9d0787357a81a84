using System.Runtime.CompilerServices;
using Kiln.Binary;

namespace Kiln.Text;

internal sealed partial class WatParser
{
    private WatCodeBuffer _code = new();
    private List<string?> _labels = [];
    private WatIndexSpace? _locals;

    /// <summary>Branch hints of the function body being parsed (offsets in its code); null outside function bodies.</summary>
    private List<(int Offset, byte Value)>? _branchHints;

    /// <summary>A branch hint read but not yet attached to the instruction that follows it.</summary>
    private byte? _pendingHint;

    /// <summary>The annotation that gives a branch hint (the branch hinting proposal's custom section name).</summary>
    private const string BranchHintAnnotation = "metadata.code.branch_hint";

    /// <summary>Instructions (plain or folded) up to a closing parenthesis or a block keyword (<c>end</c>, <c>else</c>, ...), which is not consumed.</summary>
    private void Instrs()
    {
        EnsureStack();
        while (true)
        {
            BranchHintAnnotations();
            var t = Peek();
            switch (t.Kind)
            {
                case WatTokenKind.LParen:
                    Folded();
                    break;
                case WatTokenKind.Keyword:
                    // A hint with no instruction after it targets the block's end, which validation refuses.
                    AttachHint(TakeHint());
                    if (t.Text is "end" or "else" or "catch" or "catch_all" or "delegate")
                    {
                        return;
                    }

                    Plain();
                    break;
                case WatTokenKind.RParen or WatTokenKind.Eof:
                    AttachHint(TakeHint());
                    return;
                default:
                    throw Unexpected(t);
            }
        }
    }

    /// <summary>
    /// <c>(@metadata.code.branch_hint "\00")</c> (unlikely) or <c>"\01"</c> (likely) before an instruction: kept for the
    /// instruction that follows, whose target validation checks (see <see cref="BranchHint"/>).
    /// </summary>
    private void BranchHintAnnotations()
    {
        while (_t[_pos] is { Kind: WatTokenKind.Annotation, Text: BranchHintAnnotation } annotation)
        {
            if (_branchHints is null)
            {
                throw Error("@metadata.code.branch_hint annotation: not in a function", annotation);
            }

            if (_pendingHint is not null)
            {
                throw Error("@metadata.code.branch_hint annotation: duplicate annotation", annotation);
            }

            var hint = _t[++_pos];
            if (hint.Kind != WatTokenKind.String || hint.Bytes.Length != 1 || hint.Bytes[0] > 1)
            {
                throw Error("@metadata.code.branch_hint annotation: malformed hint", hint);
            }

            if (_t[++_pos].Kind != WatTokenKind.RParen)
            {
                throw Error("@metadata.code.branch_hint annotation: unexpected token", _t[_pos]);
            }

            _pos++;
            _pendingHint = hint.Bytes[0];
        }
    }

    private byte? TakeHint()
    {
        var hint = _pendingHint;
        _pendingHint = null;
        return hint;
    }

    /// <summary>Records <paramref name="hint"/> for the instruction about to be written.</summary>
    private void AttachHint(byte? hint)
    {
        if (hint is byte value)
        {
            _branchHints!.Add((_code.Length, value));
        }
    }

    /// <summary>
    /// Nested blocks and folded operands recurse here: a hostile depth must end in a parse error before the thread's
    /// stack runs out, since a stack overflow would kill the whole process.
    /// </summary>
    private void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("nesting too deep", Peek());
        }
    }

    private string? Label()
    {
        if (Peek().Kind != WatTokenKind.Id)
        {
            return null;
        }

        string name = Next().Text;
        TryNameAnnotation(out _);
        return name;
    }

    /// <summary>The optional label after <c>end</c> or <c>else</c>, which must repeat the block's label.</summary>
    private void EndLabel(string? label)
    {
        if (Peek().Kind == WatTokenKind.Id)
        {
            var t = Next();
            if (t.Text != label)
            {
                throw Error("mismatching label", t);
            }
        }
    }

    private void Plain()
    {
        var kw = Next();
        switch (kw.Text)
        {
            case "block" or "loop":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                _code.Byte(kw.Text == "block" ? (byte)0x02 : (byte)0x03);
                WriteBlockType(_code, bt);
                _labels.Add(label);
                Instrs();
                ExpectKeyword("end");
                EndLabel(label);
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }

            case "if":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                _code.Byte(0x04);
                WriteBlockType(_code, bt);
                _labels.Add(label);
                Instrs();
                if (PeekIsKeyword("else"))
                {
                    Next();
                    EndLabel(label);
                    _code.Byte(0x05);
                    Instrs();
                }

                ExpectKeyword("end");
                EndLabel(label);
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }

            case "try_table":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                TryTableHead(bt);
                _labels.Add(label);
                Instrs();
                ExpectKeyword("end");
                EndLabel(label);
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }

            case "try":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                _code.Byte(0x06);
                WriteBlockType(_code, bt);
                _labels.Add(label);
                Instrs();
                bool caught = false;
                while (PeekIsKeyword("catch"))
                {
                    Next();
                    caught = true;
                    _code.Byte(0x07);
                    _code.U32((uint)Index(_tags));
                    Instrs();
                }

                if (PeekIsKeyword("catch_all"))
                {
                    Next();
                    caught = true;
                    _code.Byte(0x19);
                    Instrs();
                }

                if (PeekIsKeyword("delegate"))
                {
                    if (caught)
                    {
                        throw Unexpected(Peek());
                    }

                    Next();
                    _labels.RemoveAt(_labels.Count - 1);
                    _code.Byte(0x18);
                    _code.U32((uint)LabelIndex());
                    return;
                }

                ExpectKeyword("end");
                EndLabel(label);
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }
        }

        Operator(kw);
    }

    private void Folded()
    {
        EnsureStack();
        // A hint before a folded form is for the form's own instruction, written after any operands.
        var hint = TakeHint();
        ExpectLParen();
        var kw = Next();
        if (kw.Kind != WatTokenKind.Keyword)
        {
            throw Unexpected(kw);
        }

        switch (kw.Text)
        {
            case "block" or "loop":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                AttachHint(hint);
                _code.Byte(kw.Text == "block" ? (byte)0x02 : (byte)0x03);
                WriteBlockType(_code, bt);
                _labels.Add(label);
                Instrs();
                ExpectRParen();
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }

            case "if":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                while (Peek().Kind == WatTokenKind.LParen && !IsLParenKeyword("then"))
                {
                    Folded();
                }

                AttachHint(hint);
                _code.Byte(0x04);
                WriteBlockType(_code, bt);
                _labels.Add(label);
                ExpectLParen();
                ExpectKeyword("then");
                Instrs();
                ExpectRParen();
                if (IsLParenKeyword("else"))
                {
                    Next();
                    Next();
                    _code.Byte(0x05);
                    Instrs();
                    ExpectRParen();
                }

                ExpectRParen();
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }

            case "try_table":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                AttachHint(hint);
                TryTableHead(bt);
                _labels.Add(label);
                Instrs();
                ExpectRParen();
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }

            case "try":
            {
                string? label = Label();
                var bt = BlockTypeOf();
                AttachHint(hint);
                _code.Byte(0x06);
                WriteBlockType(_code, bt);
                _labels.Add(label);
                ExpectLParen();
                ExpectKeyword("do");
                Instrs();
                ExpectRParen();
                bool caught = false;
                while (IsLParenKeyword("catch"))
                {
                    Next();
                    Next();
                    caught = true;
                    _code.Byte(0x07);
                    _code.U32((uint)Index(_tags));
                    Instrs();
                    ExpectRParen();
                }

                if (IsLParenKeyword("catch_all"))
                {
                    Next();
                    Next();
                    caught = true;
                    _code.Byte(0x19);
                    Instrs();
                    ExpectRParen();
                }

                if (IsLParenKeyword("delegate"))
                {
                    if (caught)
                    {
                        throw Unexpected(PeekSecond());
                    }

                    Next();
                    Next();
                    _labels.RemoveAt(_labels.Count - 1);
                    _code.Byte(0x18);
                    _code.U32((uint)LabelIndex());
                    ExpectRParen();
                    ExpectRParen();
                    return;
                }

                ExpectRParen();
                _labels.RemoveAt(_labels.Count - 1);
                _code.Byte(0x0B);
                return;
            }
        }

        // (op immediates operand*): the operands come first in the encoding.
        var outer = _code;
        var op = new WatCodeBuffer();
        _code = op;
        Operator(kw);
        _code = outer;
        while (Peek().Kind == WatTokenKind.LParen)
        {
            Folded();
        }

        ExpectRParen();
        AttachHint(hint);
        _code.Bytes(op.ToArray());
    }

    /// <summary>Writes <c>try_table</c>, its block type and its catch clauses (whose labels are outside the try_table's own).</summary>
    private void TryTableHead(BlockType bt)
    {
        var clauses = new List<(byte Kind, int Tag, int Label)>();
        while (Peek().Kind == WatTokenKind.LParen && PeekSecond() is { Kind: WatTokenKind.Keyword, Text: "catch" or "catch_ref" or "catch_all" or "catch_all_ref" } k)
        {
            Next();
            Next();
            switch (k.Text)
            {
                case "catch":
                    clauses.Add((0, Index(_tags), LabelIndex()));
                    break;
                case "catch_ref":
                    clauses.Add((1, Index(_tags), LabelIndex()));
                    break;
                case "catch_all":
                    clauses.Add((2, 0, LabelIndex()));
                    break;
                default:
                    clauses.Add((3, 0, LabelIndex()));
                    break;
            }

            ExpectRParen();
        }

        _code.Byte(0x1F);
        WriteBlockType(_code, bt);
        _code.U32((uint)clauses.Count);
        foreach (var (kind, tag, label) in clauses)
        {
            _code.Byte(kind);
            if (kind < 2)
            {
                _code.U32((uint)tag);
            }

            _code.U32((uint)label);
        }
    }

    private int LabelIndex()
    {
        var t = Next();
        if (t.Kind == WatTokenKind.Id)
        {
            for (int i = _labels.Count - 1; i >= 0; i--)
            {
                if (_labels[i] == t.Text)
                {
                    return _labels.Count - 1 - i;
                }
            }

            throw Error($"unknown label ${t.Text}", t);
        }

        return NumericIndex(t);
    }

    private int LocalIndex()
    {
        var t = Next();
        if (t.Kind == WatTokenKind.Id)
        {
            return _locals is not null && _locals.TryGet(t.Text, out int index) ? index : throw Error($"unknown local ${t.Text}", t);
        }

        return NumericIndex(t);
    }

    private int FieldIndex(int typeIndex)
    {
        var t = Next();
        if (t.Kind == WatTokenKind.Id)
        {
            return _fieldNames.TryGetValue(typeIndex, out var names) && names.TryGet(t.Text, out int index)
                ? index
                : throw Error($"unknown field ${t.Text}", t);
        }

        return NumericIndex(t);
    }

    /// <summary>An index in <paramref name="space"/> given as the token <paramref name="t"/> (already read).</summary>
    private static int Resolve(WatToken t, WatIndexSpace space)
    {
        if (t.Kind == WatTokenKind.Id)
        {
            return space.TryGet(t.Text, out int index) ? index : throw Error($"unknown {space.UnknownName} ${t.Text}", t);
        }

        return NumericIndex(t);
    }

    /// <summary>A plain instruction other than the block instructions: its opcode and immediates.</summary>
    private void Operator(WatToken kw)
    {
        switch (kw.Text)
        {
            case "select":
                Select();
                return;
            case "ref.test" or "ref.cast":
            {
                var rt = RefTypeOf();
                bool test = kw.Text == "ref.test";
                _code.Op(test ? (rt.Nullable ? Opcode.RefTestNull : Opcode.RefTest) : (rt.Nullable ? Opcode.RefCastNull : Opcode.RefCast));
                _code.HeapType(rt.Heap);
                return;
            }
        }

        if (!OpcodeTable.TryGetByName(kw.Text, out var info) || IsStructured(info.Opcode))
        {
            throw Unexpected(kw);
        }

        switch (info.Immediates)
        {
            case ImmediateKind.None:
                _code.Op(info);
                return;
            case ImmediateKind.Label:
                _code.Op(info);
                _code.U32((uint)LabelIndex());
                return;
            case ImmediateKind.BrTable:
            {
                var labels = new List<int> { LabelIndex() };
                while (AtIndex())
                {
                    labels.Add(LabelIndex());
                }

                _code.Op(info);
                _code.U32((uint)(labels.Count - 1));
                foreach (int l in labels)
                {
                    _code.U32((uint)l);
                }

                return;
            }

            case ImmediateKind.Function:
                _code.Op(info);
                _code.U32((uint)Index(_funcs));
                return;
            case ImmediateKind.CallIndirect:
            {
                int table = AtIndex() ? Index(_tables) : 0;
                int type = TypeUse(null, out _);
                _code.Op(info);
                _code.U32((uint)type);
                _code.U32((uint)table);
                return;
            }

            case ImmediateKind.Type:
                _code.Op(info);
                _code.U32((uint)Index(_types));
                return;
            case ImmediateKind.Local:
                _code.Op(info);
                _code.U32((uint)LocalIndex());
                return;
            case ImmediateKind.Global:
                _code.Op(info);
                _code.U32((uint)Index(_globals));
                return;
            case ImmediateKind.Table:
                _code.Op(info);
                _code.U32(AtIndex() ? (uint)Index(_tables) : 0);
                return;
            case ImmediateKind.Memory:
                _code.Op(info);
                _code.U32(AtIndex() ? (uint)Index(_mems) : 0);
                return;
            case ImmediateKind.Tag:
                _code.Op(info);
                _code.U32((uint)Index(_tags));
                return;
            case ImmediateKind.Data:
                _usesDataIndex = true;
                _code.Op(info);
                _code.U32((uint)Index(_datas));
                return;
            case ImmediateKind.Elem:
                _code.Op(info);
                _code.U32((uint)Index(_elems));
                return;
            case ImmediateKind.MemArg:
            {
                var memarg = MemArgOf(kw.Text);
                _code.Op(info);
                WriteMemArg(memarg);
                return;
            }

            case ImmediateKind.MemArgLane:
            {
                var memarg = MemArgOf(kw.Text, laneFollows: true);
                byte lane = LaneIndex();
                _code.Op(info);
                WriteMemArg(memarg);
                _code.Byte(lane);
                return;
            }

            case ImmediateKind.I32:
            {
                var t = NextNumber();
                if (!NumberLiterals.TryParseI32(t.Text, out uint v))
                {
                    throw Error("constant out of range", t);
                }

                _code.Op(info);
                _code.S64((int)v);
                return;
            }

            case ImmediateKind.I64:
            {
                var t = NextNumber();
                if (!NumberLiterals.TryParseI64(t.Text, out ulong v))
                {
                    throw Error("constant out of range", t);
                }

                _code.Op(info);
                _code.S64((long)v);
                return;
            }

            case ImmediateKind.F32:
                _code.Op(info);
                _code.F32(F32Literal());
                return;
            case ImmediateKind.F64:
                _code.Op(info);
                _code.F64(F64Literal());
                return;
            case ImmediateKind.HeapType:
                _code.Op(info);
                _code.HeapType(HeapTypeOf());
                return;
            case ImmediateKind.TypeField:
            {
                int type = Index(_types);
                int field = FieldIndex(type);
                _code.Op(info);
                _code.U32((uint)type);
                _code.U32((uint)field);
                return;
            }

            case ImmediateKind.TypeCount:
            {
                int type = Index(_types);
                var t = Next();
                if (t.Kind != WatTokenKind.Number || !NumberLiterals.TryParseU32(t.Text, out uint count))
                {
                    throw Unexpected(t);
                }

                _code.Op(info);
                _code.U32((uint)type);
                _code.U32(count);
                return;
            }

            case ImmediateKind.TypeData:
            {
                int type = Index(_types);
                _usesDataIndex = true;
                _code.Op(info);
                _code.U32((uint)type);
                _code.U32((uint)Index(_datas));
                return;
            }

            case ImmediateKind.TypeElem:
            {
                int type = Index(_types);
                _code.Op(info);
                _code.U32((uint)type);
                _code.U32((uint)Index(_elems));
                return;
            }

            case ImmediateKind.TypeType:
            {
                int a = Index(_types);
                int b = Index(_types);
                _code.Op(info);
                _code.U32((uint)a);
                _code.U32((uint)b);
                return;
            }

            case ImmediateKind.BrOnCast:
            {
                int label = LabelIndex();
                var from = RefTypeOf();
                var to = RefTypeOf();
                _code.Op(info);
                _code.Byte((byte)((from.Nullable ? 1 : 0) | (to.Nullable ? 2 : 0)));
                _code.U32((uint)label);
                _code.HeapType(from.Heap);
                _code.HeapType(to.Heap);
                return;
            }

            case ImmediateKind.MemoryInit or ImmediateKind.TableInit:
            {
                // `memory.init mem? data` / `table.init table? elem`: the segment comes first in the binary.
                bool memory = info.Immediates == ImmediateKind.MemoryInit;
                var (target, segments) = memory ? (_mems, _datas) : (_tables, _elems);
                var first = Next();
                int place = 0;
                int segment;
                if (AtIndex())
                {
                    place = Resolve(first, target);
                    segment = Index(segments);
                }
                else
                {
                    segment = Resolve(first, segments);
                }

                _usesDataIndex |= memory;
                _code.Op(info);
                _code.U32((uint)segment);
                _code.U32((uint)place);
                return;
            }

            case ImmediateKind.MemoryCopy or ImmediateKind.TableCopy:
            {
                var space = info.Immediates == ImmediateKind.MemoryCopy ? _mems : _tables;
                int dst = 0, src = 0;
                if (AtIndex())
                {
                    dst = Index(space);
                    src = Index(space);
                }

                _code.Op(info);
                _code.U32((uint)dst);
                _code.U32((uint)src);
                return;
            }

            case ImmediateKind.V128:
                V128Const(info);
                return;
            case ImmediateKind.Shuffle:
                Shuffle(info);
                return;
            case ImmediateKind.Lane:
            {
                byte lane = LaneIndex();
                _code.Op(info);
                _code.Byte(lane);
                return;
            }

            case ImmediateKind.Fence:
                _code.Op(info);
                _code.Byte(0);
                return;
            default:
                // Block instructions are parsed by Plain/Folded; reaching here means one is misplaced (e.g. "else" alone).
                throw Error("unexpected token", kw);
        }
    }

    /// <summary>Opcodes that only exist as part of a block instruction's syntax.</summary>
    private static bool IsStructured(Opcode op) =>
        op is Opcode.Block or Opcode.Loop or Opcode.If or Opcode.Else or Opcode.End or Opcode.Try or Opcode.Catch
            or Opcode.CatchAll or Opcode.Delegate or Opcode.TryTable;

    private void Select()
    {
        var types = new List<ValType>();
        // Any (result ...) clause, even an empty one, makes this the typed encoding, which validates the arity.
        bool typed = false;
        while (IsLParenKeyword("result"))
        {
            typed = true;
            Next();
            Next();
            while (Peek().Kind != WatTokenKind.RParen)
            {
                types.Add(ValTypeOf());
            }

            ExpectRParen();
        }

        if (!typed)
        {
            _code.Op(Opcode.Select);
            return;
        }

        _code.Op(Opcode.SelectT);
        _code.U32((uint)types.Count);
        foreach (var t in types)
        {
            _code.ValType(t);
        }
    }

    private uint F32Literal()
    {
        var t = NextNumber();
        return NumberLiterals.TryParseF32(t.Text, out uint v) ? v : throw Error("constant out of range", t);
    }

    private ulong F64Literal()
    {
        var t = NextNumber();
        return NumberLiterals.TryParseF64(t.Text, out ulong v) ? v : throw Error("constant out of range", t);
    }

    private byte LaneIndex()
    {
        var t = Next();
        if (t.Kind != WatTokenKind.Number || !NumberLiterals.IsNat(t.Text))
        {
            throw Unexpected(t);
        }

        return NumberLiterals.TryParseU64(t.Text, out ulong v) && v <= 255 ? (byte)v : throw Error("i8 constant out of range", t);
    }

    private void V128Const(OpcodeInfo info)
    {
        var shape = Next();
        (int lanes, int bits, bool isFloat) = shape is { Kind: WatTokenKind.Keyword } ? shape.Text switch
        {
            "i8x16" => (16, 8, false),
            "i16x8" => (8, 16, false),
            "i32x4" => (4, 32, false),
            "i64x2" => (2, 64, false),
            "f32x4" => (4, 32, true),
            "f64x2" => (2, 64, true),
            _ => throw Unexpected(shape),
        } : throw Unexpected(shape);
        var literals = new List<WatToken>();
        while (Peek().Kind == WatTokenKind.Number)
        {
            literals.Add(Next());
        }

        if (literals.Count != lanes)
        {
            if (Peek().Kind == WatTokenKind.Keyword)
            {
                throw Unexpected(Peek());
            }

            throw Error("wrong number of lane literals", Peek());
        }

        _code.Op(info);
        foreach (var t in literals)
        {
            ulong v;
            bool ok = isFloat
                ? (bits == 32 ? TryF32(t.Text, out v) : NumberLiterals.TryParseF64(t.Text, out v))
                : NumberLiterals.TryParseInt(t.Text, bits, out v);
            if (!ok)
            {
                throw Error("constant out of range", t);
            }

            for (int i = 0; i < bits / 8; i++)
            {
                _code.Byte((byte)(v >> (8 * i)));
            }
        }
    }

    private static bool TryF32(string text, out ulong bits)
    {
        bool ok = NumberLiterals.TryParseF32(text, out uint v);
        bits = v;
        return ok;
    }

    private void Shuffle(OpcodeInfo info)
    {
        var literals = new List<WatToken>();
        while (Peek().Kind == WatTokenKind.Number)
        {
            literals.Add(Next());
        }

        if (literals.Count != 16)
        {
            throw Error("invalid lane length", Peek());
        }

        _code.Op(info);
        foreach (var t in literals)
        {
            if (!NumberLiterals.TryParseU64(t.Text, out ulong v) || v > 255)
            {
                throw Error("i8 constant out of range", t);
            }

            _code.Byte((byte)v);
        }
    }

    private MemArg MemArgOf(string name, bool laneFollows = false)
    {
        uint memory = 0;
        var t = Peek();
        if (t.Kind == WatTokenKind.Id)
        {
            memory = (uint)Index(_mems);
        }
        else if (t.Kind == WatTokenKind.Number)
        {
            // With a lane index following, a first number is a memory index only when something else follows it.
            var second = PeekSecond();
            bool isMemory = !laneFollows || second.Kind == WatTokenKind.Number
                || (second.Kind == WatTokenKind.Keyword && (second.Text.StartsWith("offset=", StringComparison.Ordinal) || second.Text.StartsWith("align=", StringComparison.Ordinal)));
            if (isMemory)
            {
                memory = (uint)Index(_mems);
            }
        }

        ulong offset = 0;
        uint align = NaturalAlignmentLog2(name);
        if (Peek() is { Kind: WatTokenKind.Keyword } o && o.Text.StartsWith("offset=", StringComparison.Ordinal))
        {
            Next();
            if (!NumberLiterals.TryParseU64(o.Text[7..], out offset))
            {
                throw Error(NumberLiterals.IsNat(o.Text[7..]) ? "i64 constant out of range" : "unknown operator", o);
            }
        }

        if (Peek() is { Kind: WatTokenKind.Keyword } a && a.Text.StartsWith("align=", StringComparison.Ordinal))
        {
            Next();
            if (!NumberLiterals.TryParseU64(a.Text[6..], out ulong value))
            {
                throw Error(NumberLiterals.IsNat(a.Text[6..]) ? "i64 constant out of range" : "unknown operator", a);
            }

            if (value == 0 || (value & (value - 1)) != 0)
            {
                throw Error("alignment must be a power of two", a);
            }

            align = (uint)System.Numerics.BitOperations.Log2(value);
        }

        return new MemArg(align, memory, offset);
    }

    private void WriteMemArg(MemArg memarg)
    {
        if (memarg.MemoryIndex != 0)
        {
            _code.U32(memarg.AlignLog2 | 0x40);
            _code.U32(memarg.MemoryIndex);
        }
        else
        {
            _code.U32(memarg.AlignLog2);
        }

        _code.U64(memarg.Offset);
    }

    /// <summary>log2 of the access width, from the mnemonic: <c>i64.load32_u</c> → 2, <c>v128.load8x8_s</c> → 3, <c>i32.atomic.rmw16.add_u</c> → 1.</summary>
    private static uint NaturalAlignmentLog2(string name)
    {
        if (name.StartsWith("memory.atomic.", StringComparison.Ordinal))
        {
            return name.EndsWith("wait64", StringComparison.Ordinal) ? 3u : 2u;
        }

        int dot = name.IndexOf('.', StringComparison.Ordinal);
        uint typeBytes = name[..dot] switch
        {
            "i32" or "f32" => 4,
            "i64" or "f64" => 8,
            _ => 16,
        };
        string rest = name[(dot + 1)..];
        foreach (string key in (ReadOnlySpan<string>)["load", "store", "rmw"])
        {
            int at = rest.IndexOf(key, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            int i = at + key.Length;
            int bits = 0;
            while (i < rest.Length && char.IsAsciiDigit(rest[i]))
            {
                bits = bits * 10 + (rest[i] - '0');
                i++;
            }

            if (bits > 0)
            {
                uint bytes = i < rest.Length && rest[i] == 'x' ? 8u : (uint)bits / 8;
                return (uint)System.Numerics.BitOperations.Log2(bytes);
            }
        }

        return (uint)System.Numerics.BitOperations.Log2(typeBytes);
    }
}
