using Kiln.Binary;

namespace Kiln.Validation;

internal sealed partial class FunctionValidator
{
    private static readonly ValType ExnRefNonNull = ValType.Ref(HeapType.Exn, nullable: false);

    private void Run(ref InstructionReader r)
    {
        while (_fp > 0)
        {
            var op = r.Read();
            _offset = r.InstructionOffset;
            if (_const && !IsConstant(op))
            {
                throw Error("constant expression required");
            }

            var sig = OperatorSignatures.Get(op);
            if (sig.IsSimple)
            {
                if (sig.In2 != 0)
                {
                    Pop(sig.In2);
                }

                if (sig.In1 != 0)
                {
                    Pop(sig.In1);
                }

                if (sig.In0 != 0)
                {
                    Pop(sig.In0);
                }

                if (sig.Out != 0)
                {
                    Push(sig.Out);
                }

                continue;
            }

            Instruction(op, ref r);
        }

        if (!r.AtEnd)
        {
            throw new WasmDecodeException(_const ? "END opcode expected" : "section size mismatch", r.Offset, _const ? null : "code");
        }
    }

    private static bool IsConstant(Opcode op) => op is Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const
        or Opcode.V128Const or Opcode.RefNull or Opcode.RefFunc or Opcode.GlobalGet or Opcode.End
        or Opcode.I32Add or Opcode.I32Sub or Opcode.I32Mul or Opcode.I64Add or Opcode.I64Sub or Opcode.I64Mul
        or Opcode.StructNew or Opcode.StructNewDefault or Opcode.ArrayNew or Opcode.ArrayNewDefault or Opcode.ArrayNewFixed
        or Opcode.RefI31 or Opcode.AnyConvertExtern or Opcode.ExternConvertAny;

    private void Instruction(Opcode op, ref InstructionReader r)
    {
        switch (op)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop or Opcode.Try:
            {
                ValType single = default;
                ReadBlockType(r.Block, out var ps, out var rs, ref single);
                PopValues(ps);
                PushFrame(op, ps, rs);
                break;
            }

            case Opcode.If:
            {
                ValType single = default;
                ReadBlockType(r.Block, out var ps, out var rs, ref single);
                Pop(ValTypeKind.I32);
                PopValues(ps);
                PushFrame(op, ps, rs);
                break;
            }

            case Opcode.TryTable:
                TryTable(ref r);
                break;
            case Opcode.Else:
            {
                if (_frames[_fp - 1].Kind != Opcode.If)
                {
                    throw new WasmDecodeException("else without if", _offset, "code");
                }

                Else();
                break;
            }

            case Opcode.End:
                if (_frames[_fp - 1].Kind == Opcode.If)
                {
                    Else();
                }

                EndFrame();
                break;
            case Opcode.Catch:
            {
                var kind = _frames[_fp - 1].Kind;
                if (kind is not (Opcode.Try or Opcode.Catch))
                {
                    throw new WasmDecodeException("catch without try", _offset, "code");
                }

                var tag = TagType(r.Index);
                CheckFrameEnd();
                ref var f = ref _frames[_fp - 1];
                f.Kind = Opcode.Catch;
                f.Unreachable = false;
                PushValues(tag.Params);
                break;
            }

            case Opcode.CatchAll:
            {
                var kind = _frames[_fp - 1].Kind;
                if (kind is not (Opcode.Try or Opcode.Catch))
                {
                    throw new WasmDecodeException("catch_all without try", _offset, "code");
                }

                CheckFrameEnd();
                ref var f = ref _frames[_fp - 1];
                f.Kind = Opcode.CatchAll;
                f.Unreachable = false;
                break;
            }

            case Opcode.Delegate:
                if (_frames[_fp - 1].Kind != Opcode.Try)
                {
                    throw new WasmDecodeException("delegate without try", _offset, "code");
                }

                EndFrame();
                Label(r.Index);
                break;
            case Opcode.Rethrow:
            {
                ref var f = ref Label(r.Index);
                if (f.Kind is not (Opcode.Catch or Opcode.CatchAll))
                {
                    throw Error("invalid rethrow label");
                }

                SetUnreachable();
                break;
            }

            case Opcode.Throw:
                PopValues(TagType(r.Index).Params);
                SetUnreachable();
                break;
            case Opcode.ThrowRef:
                Pop(ValType.ExnRef);
                SetUnreachable();
                break;
            case Opcode.Br:
            {
                ref var f = ref Label(r.Index);
                PopValues(f.LabelStart, f.LabelCount);
                SetUnreachable();
                break;
            }

            case Opcode.BrIf:
            {
                ref var f = ref Label(r.Index);
                Pop(ValTypeKind.I32);
                PopValues(f.LabelStart, f.LabelCount);
                PushValues(f.LabelStart, f.LabelCount);
                break;
            }

            case Opcode.BrTable:
                BrTable(ref r);
                break;
            case Opcode.Return:
                PopValues(_results);
                SetUnreachable();
                break;
            case Opcode.Call:
            {
                var ft = FunctionType(r.Index);
                PopValues(ft.Params);
                PushValues(ft.Results);
                break;
            }

            case Opcode.ReturnCall:
            {
                var ft = FunctionType(r.Index);
                CheckTailResults(ft);
                PopValues(ft.Params);
                SetUnreachable();
                break;
            }

            case Opcode.CallIndirect or Opcode.ReturnCallIndirect:
            {
                var table = Table(r.Index2);
                var ft = FuncTypeAt(r.Index);
                if (!_types.Matches(table.ElementType, ValType.FuncRef))
                {
                    throw Error($"type mismatch: instruction requires table of function type but table has element type {StackTypes.Format(table.ElementType)}");
                }

                if (op == Opcode.ReturnCallIndirect)
                {
                    CheckTailResults(ft);
                }

                Pop(Address(table.Is64));
                PopValues(ft.Params);
                if (op == Opcode.ReturnCallIndirect)
                {
                    SetUnreachable();
                }
                else
                {
                    PushValues(ft.Results);
                }

                break;
            }

            case Opcode.CallRef or Opcode.ReturnCallRef:
            {
                var ft = FuncTypeAt(r.Index);
                if (op == Opcode.ReturnCallRef)
                {
                    CheckTailResults(ft);
                }

                Pop(ValType.Ref(HeapType.OfIndex((int)r.Index), nullable: true));
                PopValues(ft.Params);
                if (op == Opcode.ReturnCallRef)
                {
                    SetUnreachable();
                }
                else
                {
                    PushValues(ft.Results);
                }

                break;
            }

            case Opcode.Drop:
                Pop();
                break;
            case Opcode.Select:
                Select();
                break;
            case Opcode.SelectT:
            {
                if (r.SelectTypeCount != 1)
                {
                    throw Error("invalid result arity other than 1 is not (yet) allowed");
                }

                var t = r.SelectType;
                _types.Check(t, _function, _offset);
                Pop(ValTypeKind.I32);
                Pop(t);
                Pop(t);
                Push(t);
                break;
            }

            case Opcode.LocalGet:
            {
                int x = Local(r.Index);
                if (!_localSet[x])
                {
                    throw Error("uninitialized local");
                }

                Push(_locals[x]);
                break;
            }

            case Opcode.LocalSet:
            {
                int x = Local(r.Index);
                Pop(_locals[x]);
                MarkLocalSet(x);
                break;
            }

            case Opcode.LocalTee:
            {
                int x = Local(r.Index);
                Pop(_locals[x]);
                MarkLocalSet(x);
                Push(_locals[x]);
                break;
            }

            case Opcode.GlobalGet:
                Push(GlobalGet(r.Index));
                break;
            case Opcode.GlobalSet:
            {
                var g = Global(r.Index);
                if (!g.Mutable)
                {
                    throw Error("immutable global");
                }

                Pop(g.Type);
                break;
            }

            case Opcode.I64Add128 or Opcode.I64Sub128:
                Pop(ValTypeKind.I64);
                Pop(ValTypeKind.I64);
                Pop(ValTypeKind.I64);
                Pop(ValTypeKind.I64);
                Push(ValTypeKind.I64);
                Push(ValTypeKind.I64);
                break;
            case Opcode.I64MulWideS or Opcode.I64MulWideU:
                Pop(ValTypeKind.I64);
                Pop(ValTypeKind.I64);
                Push(ValTypeKind.I64);
                Push(ValTypeKind.I64);
                break;
            default:
                if (!MemoryInstruction(op, ref r) && !TableOrBulkInstruction(op, ref r) && !ReferenceInstruction(op, ref r)
                    && !GcInstruction(op, ref r) && !VectorInstruction(op, ref r) && !AtomicInstruction(op, ref r))
                {
                    throw Error($"unsupported instruction {OpcodeTable.Get(op).Name}");
                }

                break;
        }
    }

    private void Else()
    {
        CheckFrameEnd();
        ref var f = ref _frames[_fp - 1];
        f.Kind = Opcode.Else;
        f.Unreachable = false;
        PushValues(f.ParamStart, f.ParamCount);
    }

    private void TryTable(ref InstructionReader r)
    {
        ValType single = default;
        ReadBlockType(r.Block, out var ps, out var rs, ref single);
        foreach (var clause in r.CatchClauses)
        {
            var label = LabelTypes(clause.Label);
            ReadOnlySpan<ValType> tagParams = [];
            if (clause.Kind is CatchKind.Catch or CatchKind.CatchRef)
            {
                tagParams = TagType(clause.Tag).Params;
            }

            bool withRef = clause.Kind is CatchKind.CatchRef or CatchKind.CatchAllRef;
            int n = tagParams.Length + (withRef ? 1 : 0);
            bool ok = n == label.Length;
            for (int i = 0; ok && i < tagParams.Length; i++)
            {
                ok = _types.Matches(tagParams[i], label[i]);
            }

            if (ok && withRef)
            {
                ok = _types.Matches(ExnRefNonNull, label[n - 1]);
            }

            if (!ok)
            {
                throw Error($"type mismatch: catch handler requires {StackTypes.Format(label)} but label has a different type");
            }
        }

        PopValues(ps);
        PushFrame(Opcode.TryTable, ps, rs);
    }

    private void BrTable(ref InstructionReader r)
    {
        Pop(ValTypeKind.I32);
        var defaultTypes = LabelTypes(r.Index);
        int arity = defaultTypes.Length;
        foreach (uint label in r.BrTableLabels)
        {
            var types = LabelTypes(label);
            if (types.Length != arity)
            {
                throw Error("type mismatch: br_table labels have different arities");
            }

            CheckTop(types);
        }

        CheckTop(defaultTypes);
        PopValues(defaultTypes);
        SetUnreachable();
    }

    /// <summary>Checks that the top operands match <paramref name="types"/> without popping them.</summary>
    private void CheckTop(ReadOnlySpan<ValType> types)
    {
        ref var f = ref _frames[_fp - 1];
        for (int i = 0; i < types.Length; i++)
        {
            int at = _sp - types.Length + i;
            if (at < f.Height)
            {
                if (!f.Unreachable)
                {
                    throw Error($"type mismatch: instruction requires {StackTypes.Format(types)} but stack has fewer operands");
                }

                continue;
            }

            if (!_types.Matches(_stack[at], types[i]))
            {
                throw Error($"type mismatch: instruction requires [{StackTypes.Format(types[i])}] but stack has [{StackTypes.Format(_stack[at])}]");
            }
        }
    }

    private void Select()
    {
        Pop(ValTypeKind.I32);
        var t1 = Pop();
        var t2 = Pop();
        if (t1.IsRef || t2.IsRef)
        {
            throw Error($"type mismatch: instruction requires numeric or vector type but stack has {StackTypes.Format(t1.IsRef ? t1 : t2)}");
        }

        if (StackTypes.IsUnknown(t1))
        {
            Push(t2);
        }
        else if (StackTypes.IsUnknown(t2) || t1 == t2)
        {
            Push(t1);
        }
        else
        {
            throw Error($"type mismatch: instruction requires [{StackTypes.Format(t2)}] but stack has [{StackTypes.Format(t1)}]");
        }
    }

    private void CheckTailResults(FuncType callee)
    {
        bool ok = callee.Results.Length == _results.Length;
        for (int i = 0; ok && i < _results.Length; i++)
        {
            ok = _types.Matches(callee.Results[i], _results[i]);
        }

        if (!ok)
        {
            throw Error($"type mismatch: current function requires result type {StackTypes.Format(_results)} but callee returns {StackTypes.Format(callee.Results)}");
        }
    }

    private int Local(uint index) =>
        index < (uint)_localCount ? (int)index : throw Error($"unknown local {index}");

    private FuncType FunctionType(uint index)
    {
        if (index >= (uint)_c.Functions.Count)
        {
            throw Error($"unknown function {index}");
        }

        return FuncTypeAt(_c.Functions[(int)index]);
    }

    private FuncType TagType(uint index)
    {
        if (index >= (uint)_c.Tags.Count)
        {
            throw Error($"unknown tag {index}");
        }

        return FuncTypeAt(_c.Tags[(int)index]);
    }

    private GlobalType Global(uint index) =>
        index < (uint)_c.Globals.Count ? _c.Globals[(int)index] : throw Error($"unknown global {index}");

    private ValType GlobalGet(uint index)
    {
        if (_const)
        {
            if (index >= (uint)_constGlobals)
            {
                throw Error($"unknown global {index}");
            }

            var cg = _c.Globals[(int)index];
            return cg.Mutable ? throw Error("constant expression required") : cg.Type;
        }

        return Global(index).Type;
    }

    private TableType Table(uint index) =>
        index < (uint)_c.Tables.Count ? _c.Tables[(int)index] : throw Error($"unknown table {index}");

    private MemoryType Memory(uint index) =>
        index < (uint)_c.Memories.Count ? _c.Memories[(int)index] : throw Error($"unknown memory {index}");

    private ValType ElementType(uint index) =>
        index < (uint)_c.ElementTypes.Count ? _c.ElementTypes[(int)index] : throw Error($"unknown elem segment {index}");

    private void Data(uint index)
    {
        if (index >= (uint)_c.DataCount)
        {
            throw Error($"unknown data segment {index}");
        }
    }

    private static ValType Address(bool is64) => is64 ? ValType.I64 : ValType.I32;
}
