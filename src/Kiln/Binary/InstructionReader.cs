namespace Kiln.Binary;

/// <summary>
/// Decodes one instruction at a time from encoded code, without allocating: after <see cref="Read"/>, the
/// opcode and its immediates are in the fields below (which ones depends on <see cref="OpcodeInfo.Immediates"/>).
/// Variable-length immediates (br_table labels, try_table catches) are kept as byte ranges and decoded by
/// <see cref="BrTableLabels"/> and <see cref="CatchClauses"/>.
/// </summary>
internal ref struct InstructionReader
{
    private WasmReader _r;
    private int _listStart;

    public InstructionReader(ReadOnlySpan<byte> code, int baseOffset, string? section = "code")
    {
        _r = new WasmReader(code, baseOffset, section);
    }

    public InstructionReader(Expr expr)
        : this(expr.Code.Span, expr.Offset)
    {
    }

    public readonly bool AtEnd => _r.AtEnd;

    /// <summary>Absolute offset of the next instruction.</summary>
    public readonly int Offset => _r.Offset;

    public Opcode Opcode;
    public ImmediateKind Immediates;

    /// <summary>Absolute offset of the current instruction's first byte.</summary>
    public int InstructionOffset;

    /// <summary>First index immediate: label, function, type, local, global, table, memory, tag, data or element index; br_table's default label; the lane index.</summary>
    public uint Index;

    /// <summary>Second index immediate: call_indirect's table, field index, array.new_fixed count, data/element index, source memory or table, br_on_cast's label.</summary>
    public uint Index2;

    public BlockType Block;
    public MemArg MemArg;

    /// <summary>i32/i64 constants (i32 sign-extended), or the raw bits of f32/f64 constants.</summary>
    public long Value;

    /// <summary>v128 constant or shuffle lanes: low and high 8 bytes, little-endian.</summary>
    public ulong V128Low;
    public ulong V128High;

    /// <summary>Heap type of ref.null, ref.test, ref.cast; br_on_cast's source type.</summary>
    public HeapType Heap;

    /// <summary>br_on_cast's target heap type.</summary>
    public HeapType Heap2;

    /// <summary>br_on_cast flags: bit 0 source nullable, bit 1 target nullable.</summary>
    public byte CastFlags;

    /// <summary>Typed select: number of types (must be 1 to validate) and the first type.</summary>
    public int SelectTypeCount;
    public ValType SelectType;

    /// <summary>Number of br_table labels (not counting the default) or try_table clauses.</summary>
    public int ListCount;

    /// <summary>Reads the next instruction. Throws <see cref="WasmDecodeException"/> on a malformed encoding.</summary>
    public Opcode Read()
    {
        InstructionOffset = _r.Offset;
        byte b = _r.ReadByte();
        if (!OpcodeTable.IsPrefix(b))
        {
            // One-byte opcodes are most of the code: their Opcode value is the byte, and a flat table gives the immediates.
            byte kind = OpcodeTable.OneByteImmediateKind(b);
            if (kind == OpcodeTable.UnknownOpcode)
            {
                throw _r.ErrorAt(FormattableString.Invariant($"illegal opcode {b:x2}"), InstructionOffset);
            }

            Opcode = (Opcode)b;
            Immediates = (ImmediateKind)kind;
            if (kind != (byte)ImmediateKind.None)
            {
                ReadImmediates(Immediates);
            }

            return Opcode;
        }

        uint sub = _r.ReadU32();
        var info = OpcodeTable.Lookup(b, sub)
            ?? throw _r.ErrorAt(FormattableString.Invariant($"illegal opcode {b:x2} {sub:x2}"), InstructionOffset);
        Opcode = info.Opcode;
        Immediates = info.Immediates;
        ReadImmediates(Immediates);
        return Opcode;
    }

    private void ReadImmediates(ImmediateKind kind)
    {
        switch (kind)
        {
            case ImmediateKind.None:
                break;
            case ImmediateKind.BlockType:
                Block = ReadBlockType();
                break;
            case ImmediateKind.Label or ImmediateKind.Function or ImmediateKind.Type or ImmediateKind.Local
                or ImmediateKind.Global or ImmediateKind.Table or ImmediateKind.Tag or ImmediateKind.Memory
                or ImmediateKind.Data or ImmediateKind.Elem:
                Index = _r.ReadU32();
                break;
            case ImmediateKind.CallIndirect or ImmediateKind.TypeField or ImmediateKind.TypeCount or ImmediateKind.TypeData
                or ImmediateKind.TypeElem or ImmediateKind.TypeType or ImmediateKind.MemoryInit or ImmediateKind.MemoryCopy
                or ImmediateKind.TableInit or ImmediateKind.TableCopy:
                Index = _r.ReadU32();
                Index2 = _r.ReadU32();
                break;
            case ImmediateKind.BrTable:
                ListCount = _r.ReadCount();
                _listStart = _r.Position;
                for (int i = 0; i < ListCount; i++)
                {
                    _r.ReadU32();
                }

                Index = _r.ReadU32();
                break;
            case ImmediateKind.SelectTypes:
                SelectTypeCount = _r.ReadCount();
                for (int i = 0; i < SelectTypeCount; i++)
                {
                    var t = _r.ReadValType();
                    if (i == 0)
                    {
                        SelectType = t;
                    }
                }

                break;
            case ImmediateKind.TryTable:
                Block = ReadBlockType();
                ListCount = _r.ReadCount();
                _listStart = _r.Position;
                for (int i = 0; i < ListCount; i++)
                {
                    ReadCatch();
                }

                break;
            case ImmediateKind.MemArg:
                MemArg = ReadMemArg();
                break;
            case ImmediateKind.MemArgLane:
                MemArg = ReadMemArg();
                Index = _r.ReadByte();
                break;
            case ImmediateKind.Lane:
                Index = _r.ReadByte();
                break;
            case ImmediateKind.I32:
                Value = _r.ReadS32();
                break;
            case ImmediateKind.I64:
                Value = _r.ReadS64();
                break;
            case ImmediateKind.F32:
                Value = _r.ReadF32Bits();
                break;
            case ImmediateKind.F64:
                Value = (long)_r.ReadF64Bits();
                break;
            case ImmediateKind.V128 or ImmediateKind.Shuffle:
                V128Low = _r.ReadF64Bits();
                V128High = _r.ReadF64Bits();
                break;
            case ImmediateKind.HeapType:
                Heap = _r.ReadHeapType();
                break;
            case ImmediateKind.BrOnCast:
                int flagsAt = _r.Offset;
                CastFlags = _r.ReadByte();
                if (CastFlags > 3)
                {
                    throw _r.ErrorAt("malformed br_on_cast flags", flagsAt);
                }

                Index = _r.ReadU32();
                Heap = _r.ReadHeapType();
                Heap2 = _r.ReadHeapType();
                break;
            case ImmediateKind.Fence:
                if (_r.ReadByte() != 0)
                {
                    throw _r.ErrorAt("malformed fence", _r.Offset - 1);
                }

                break;
            default:
                throw new InvalidOperationException($"unhandled immediate kind {kind}");
        }
    }

    private BlockType ReadBlockType()
    {
        byte b = _r.PeekByte();
        if (b == 0x40)
        {
            _r.ReadByte();
            return BlockType.Empty;
        }

        if (b is (>= 0x63 and <= 0x7F) and not (0x65 or 0x66 or 0x67 or 0x68 or 0x75 or 0x76 or 0x77 or 0x78 or 0x79 or 0x7A))
        {
            return new BlockType(BlockTypeKind.Value, _r.ReadValType());
        }

        int start = _r.Offset;
        long index = _r.ReadS33();
        if (index < 0)
        {
            throw _r.ErrorAt("malformed value type", start);
        }

        return index > int.MaxValue ? throw _r.ErrorAt("integer too large", start) : new BlockType(BlockTypeKind.TypeIndex, TypeIndex: (int)index);
    }

    private MemArg ReadMemArg()
    {
        int start = _r.Offset;
        uint flags = _r.ReadU32();
        uint memory = 0;
        if ((flags & 0x40) != 0)
        {
            flags &= ~0x40u;
            memory = _r.ReadU32();
        }

        if (flags >= 64)
        {
            throw _r.ErrorAt("malformed memop flags", start);
        }

        ulong offset = _r.ReadU64();
        return new MemArg(flags, memory, offset);
    }

    private CatchClause ReadCatch()
    {
        int at = _r.Offset;
        byte kind = _r.ReadByte();
        return kind switch
        {
            0 or 1 => new CatchClause((CatchKind)kind, _r.ReadU32(), _r.ReadU32()),
            2 or 3 => new CatchClause((CatchKind)kind, 0, _r.ReadU32()),
            _ => throw _r.ErrorAt("malformed catch clause", at),
        };
    }

    /// <summary>The labels of the current br_table (the default label is <see cref="Index"/>).</summary>
    public readonly LebEnumerator BrTableLabels => new(_r.Data[_listStart..], ListCount);

    /// <summary>The clauses of the current try_table.</summary>
    public readonly CatchEnumerator CatchClauses => new(_r.Data[_listStart..], ListCount);

    /// <summary>Enumerates <c>count</c> u32 LEB128 values already checked by <see cref="Read"/>.</summary>
    public ref struct LebEnumerator(ReadOnlySpan<byte> data, int count)
    {
        private WasmReader _r = new(data);
        private int _left = count;

        public uint Current { get; private set; }

        public readonly LebEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            _left--;
            Current = _r.ReadU32();
            return true;
        }
    }

    /// <summary>Enumerates try_table clauses already checked by <see cref="Read"/>.</summary>
    public ref struct CatchEnumerator(ReadOnlySpan<byte> data, int count)
    {
        private InstructionReader _r = new(data, 0);
        private int _left = count;

        public CatchClause Current { get; private set; }

        public readonly CatchEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            _left--;
            Current = _r.ReadCatch();
            return true;
        }
    }
}
