using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// Type-checks function bodies and constant expressions with the spec's algorithm (validation appendix):
/// an operand stack of value types, a control stack of frames, and stack polymorphism after unconditional
/// branches. One instance is reused for every function of a thread, so validation allocates nothing per
/// instruction (only the stacks grow, and only until they fit the largest function).
/// </summary>
internal sealed partial class FunctionValidator
{
    /// <summary>Locals beyond this make a module invalid here (the stacks would not fit in memory anyway).</summary>
    private const long MaxLocals = 1 << 20;

    [ThreadStatic]
    private static FunctionValidator? _cached;

    private ValidationContext _c = null!;
    private ModuleTypes _types = null!;
    private int? _function;
    private int _offset;

    private ValType[] _stack = new ValType[64];
    private int _sp;
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _fp;

    // Parameter and result types of the open frames, in frame order.
    private ValType[] _labelTypes = new ValType[64];
    private int _lp;

    private ValType[] _locals = new ValType[32];
    private bool[] _localSet = new bool[32];
    private int _localCount;
    private int[] _initLog = new int[16];
    private int _initCount;

    private ValType[] _results = [];

    // Constant expression mode: only constant instructions, and only the first _constGlobals globals.
    private bool _const;
    private int _constGlobals;

    /// <summary>The validator of the current thread.</summary>
    public static FunctionValidator ForCurrentThread() => _cached ??= new FunctionValidator();

    /// <summary>Validates the body of function <paramref name="functionIndex"/>, whose type is <paramref name="type"/>.</summary>
    public void ValidateFunction(ValidationContext c, int functionIndex, FuncType type, FunctionBody body)
    {
        Begin(c, functionIndex, body.Body.Offset);
        _const = false;
        if (type.Params.Length + body.LocalCount > MaxLocals)
        {
            throw Error("too many locals");
        }

        foreach (var p in type.Params)
        {
            AddLocal(p, true);
        }

        foreach (var group in body.Locals)
        {
            _types.Check(group.Type, _function, _offset);
            bool set = StackTypes.IsDefaultable(group.Type);
            for (uint i = 0; i < group.Count; i++)
            {
                AddLocal(group.Type, set);
            }
        }

        _results = type.Results;
        PushFrame(Opcode.Block, [], type.Results);
        var reader = new InstructionReader(body.Body);
        Run(ref reader);
    }

    /// <summary>
    /// Validates a constant expression producing <paramref name="expected"/>; <paramref name="globalCount"/> is
    /// how many globals it may read (imports and earlier globals for a global's initialiser).
    /// </summary>
    public void ValidateConstant(ValidationContext c, Expr expr, ValType expected, int globalCount)
    {
        Begin(c, null, expr.Offset);
        _const = true;
        _constGlobals = globalCount;
        _results = [];
        PushFrame(Opcode.Block, [], new ReadOnlySpan<ValType>(in expected));
        var reader = new InstructionReader(expr.Code.Span, expr.Offset, null);
        Run(ref reader);
    }

    private void Begin(ValidationContext c, int? function, int offset)
    {
        _c = c;
        _types = c.Types;
        _function = function;
        _offset = offset;
        _sp = 0;
        _fp = 0;
        _lp = 0;
        _localCount = 0;
        _initCount = 0;
    }

    private void AddLocal(ValType t, bool set)
    {
        if (_localCount == _locals.Length)
        {
            Array.Resize(ref _locals, _localCount * 2);
            Array.Resize(ref _localSet, _localCount * 2);
        }

        _locals[_localCount] = t;
        _localSet[_localCount] = set;
        _localCount++;
    }

    private WasmValidationException Error(string reason) => new(reason, _function, _offset);

    // ---- operand stack ----

    private void Push(ValType t)
    {
        if (_sp == _stack.Length)
        {
            Array.Resize(ref _stack, _sp * 2);
        }

        _stack[_sp++] = t;
    }

    private void Push(ValTypeKind kind) => Push(new ValType(kind));

    private void PushValues(int start, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Push(_labelTypes[start + i]);
        }
    }

    private void PushValues(ReadOnlySpan<ValType> types)
    {
        foreach (var t in types)
        {
            Push(t);
        }
    }

    /// <summary>Pops any operand (unknown when the frame is unreachable and empty).</summary>
    private ValType Pop()
    {
        ref var f = ref _frames[_fp - 1];
        if (_sp > f.Height)
        {
            return _stack[--_sp];
        }

        return f.Unreachable ? StackTypes.Unknown : throw Error("type mismatch: instruction requires an operand but stack has []");
    }

    /// <summary>Pops an operand that must match <paramref name="expected"/>; returns the actual type.</summary>
    private ValType Pop(ValType expected)
    {
        ref var f = ref _frames[_fp - 1];
        if (_sp > f.Height)
        {
            var actual = _stack[_sp - 1];
            if (actual != expected && !_types.Matches(actual, expected))
            {
                throw Error($"type mismatch: instruction requires [{StackTypes.Format(expected)}] but stack has [{StackTypes.Format(actual)}]");
            }

            _sp--;
            return actual;
        }

        return f.Unreachable ? StackTypes.Unknown : throw Error($"type mismatch: instruction requires [{StackTypes.Format(expected)}] but stack has []");
    }

    private void Pop(ValTypeKind kind) => Pop(new ValType(kind));

    /// <summary>Pops a reference operand; an unknown one comes back as <c>(ref bot)</c>.</summary>
    private ValType PopRef()
    {
        var t = Pop();
        if (StackTypes.IsUnknown(t))
        {
            return ValType.Ref(new HeapType(StackTypes.BottomHeap), nullable: false);
        }

        return t.IsRef ? t : throw Error($"type mismatch: instruction requires reference type but stack has {StackTypes.Format(t)}");
    }

    /// <summary>Pops operands matching <paramref name="count"/> label-pool types from <paramref name="start"/>, last first.</summary>
    private void PopValues(int start, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            Pop(_labelTypes[start + i]);
        }
    }

    private void PopValues(ReadOnlySpan<ValType> types)
    {
        for (int i = types.Length - 1; i >= 0; i--)
        {
            Pop(types[i]);
        }
    }

    private void SetUnreachable()
    {
        ref var f = ref _frames[_fp - 1];
        _sp = f.Height;
        f.Unreachable = true;
    }

    // ---- control stack ----

    private void PushFrame(Opcode kind, ReadOnlySpan<ValType> parameters, ReadOnlySpan<ValType> results)
    {
        int need = _lp + parameters.Length + results.Length;
        if (need > _labelTypes.Length)
        {
            Array.Resize(ref _labelTypes, Math.Max(need, _labelTypes.Length * 2));
        }

        if (_fp == _frames.Length)
        {
            Array.Resize(ref _frames, _fp * 2);
        }

        ref var f = ref _frames[_fp++];
        f.Kind = kind;
        f.ParamStart = _lp;
        f.ParamCount = parameters.Length;
        parameters.CopyTo(_labelTypes.AsSpan(_lp));
        _lp += parameters.Length;
        f.ResultStart = _lp;
        f.ResultCount = results.Length;
        results.CopyTo(_labelTypes.AsSpan(_lp));
        _lp += results.Length;
        f.Height = _sp;
        f.InitHeight = _initCount;
        f.Unreachable = false;
        PushValues(parameters);
    }

    /// <summary>Checks the results at the end of the top frame's current block body and empties it.</summary>
    private void CheckFrameEnd()
    {
        ref var f = ref _frames[_fp - 1];
        PopValues(f.ResultStart, f.ResultCount);
        if (_sp != f.Height)
        {
            var rest = _stack.AsSpan(f.Height, _sp - f.Height);
            throw Error($"type mismatch: block requires {StackTypes.Format(_labelTypes.AsSpan(f.ResultStart, f.ResultCount))} but stack has {StackTypes.Format(rest)}");
        }

        ResetLocals(f.InitHeight);
    }

    private void ResetLocals(int height)
    {
        while (_initCount > height)
        {
            _localSet[_initLog[--_initCount]] = false;
        }
    }

    /// <summary>Ends the top frame and pushes its results onto the enclosing one.</summary>
    private void EndFrame()
    {
        CheckFrameEnd();
        var f = _frames[--_fp];
        _lp = f.ParamStart;
        if (_fp > 0)
        {
            // The frame's types are still in the pool just past _lp.
            PushValues(f.ResultStart, f.ResultCount);
        }
    }

    private ref ControlFrame Label(uint depth)
    {
        if (depth >= (uint)_fp)
        {
            throw Error($"unknown label {depth}");
        }

        return ref _frames[_fp - 1 - (int)depth];
    }

    private ReadOnlySpan<ValType> LabelTypes(uint depth)
    {
        ref var f = ref Label(depth);
        return _labelTypes.AsSpan(f.LabelStart, f.LabelCount);
    }

    private void ReadBlockType(BlockType bt, out ReadOnlySpan<ValType> parameters, out ReadOnlySpan<ValType> results, ref ValType single)
    {
        switch (bt.Kind)
        {
            case BlockTypeKind.Empty:
                parameters = [];
                results = [];
                break;
            case BlockTypeKind.Value:
                _types.Check(bt.Value, _function, _offset);
                single = bt.Value;
                parameters = [];
                results = new ReadOnlySpan<ValType>(ref single);
                break;
            default:
                var ft = FuncTypeAt(bt.TypeIndex);
                parameters = ft.Params;
                results = ft.Results;
                break;
        }
    }

    private FuncType FuncTypeAt(long index)
    {
        if ((ulong)index >= (ulong)_types.Count)
        {
            throw Error($"unknown type {index}");
        }

        return _types.Func((int)index) ?? throw Error($"type mismatch: non-function type {index}");
    }

    private StructType StructTypeAt(uint index)
    {
        if (index >= (uint)_types.Count)
        {
            throw Error($"unknown type {index}");
        }

        return _types.Struct((int)index) ?? throw Error($"type mismatch: non-structure type {index}");
    }

    private ArrayType ArrayTypeAt(uint index)
    {
        if (index >= (uint)_types.Count)
        {
            throw Error($"unknown type {index}");
        }

        return _types.Array((int)index) ?? throw Error($"type mismatch: non-array type {index}");
    }

    private void MarkLocalSet(int index)
    {
        if (!_localSet[index])
        {
            _localSet[index] = true;
            if (_initCount == _initLog.Length)
            {
                Array.Resize(ref _initLog, _initCount * 2);
            }

            _initLog[_initCount++] = index;
        }
    }
}
