using System.Reflection;
using System.Reflection.Emit;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Compiles one Wasm function to a <see cref="DynamicMethod"/> (or a method of a persisted assembly, see
/// <see cref="PersistedTarget"/>) in a single pass. Wasm locals are IL locals (parameters
/// are IL arguments, the <see cref="Instance"/> comes last); the operand stack is the IL evaluation stack, values below a
/// block staying on it; branches that must discard values spill the carried ones to temporaries. Dead code after an
/// unconditional branch is skipped, so the IL stack is always known.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly FieldInfo StoreField = typeof(Instance).GetField(nameof(Kiln.Runtime.Instance.Store))!;
    private static readonly FieldInfo StackLimitField = typeof(Kiln.Runtime.Store).GetField(nameof(Kiln.Runtime.Store.StackLimit))!;
    private static readonly FieldInfo CodeField = typeof(Instance).GetField(nameof(Instance.Code))!;
    private static readonly FieldInfo FunctionsField = typeof(Instance).GetField(nameof(Instance.Functions))!;
    private static readonly FieldInfo MemoriesField = typeof(Instance).GetField(nameof(Instance.Memories))!;
    private static readonly FieldInfo TablesField = typeof(Instance).GetField(nameof(Instance.Tables))!;
    private static readonly FieldInfo GlobalsField = typeof(Instance).GetField(nameof(Instance.Globals))!;
    private static readonly FieldInfo FuncContextField = typeof(FunctionInstance).GetField(nameof(FunctionInstance.Context))!;
    private static readonly FieldInfo FuncCodeField = typeof(FunctionInstance).GetField(nameof(FunctionInstance.Code))!;
    private static readonly FieldInfo MemBaseField = typeof(LinearMemory).GetField(nameof(LinearMemory.Base))!;
    private static readonly FieldInfo MemLengthField = typeof(LinearMemory).GetField(nameof(LinearMemory.Length))!;
    private static readonly FieldInfo ElementsField = typeof(TableInstance).GetField(nameof(TableInstance.Elements))!;

    /// <summary>IL allows 65535 locals; beyond this many Wasm locals a function keeps them in arrays (see <see cref="ArrayLocals"/>).</summary>
    private const int MaxIlLocals = 30_000;

    /// <summary>The largest estimated frame a function that calls nothing may have without a stack check (far below the host reserve).</summary>
    private const long MaxUncheckedFrame = 16 * 1024;

    private readonly CompiledModule _cm;
    private readonly WasmModule _m;
    private readonly FuncType _type;
    private readonly FunctionBody _body;
    private readonly MethodInfo _method;

    /// <summary>The persisted assembly the method goes into; null for a <see cref="DynamicMethod"/>.</summary>
    private readonly PersistedTarget? _persisted;
    private readonly ILGenerator _il;
    private readonly int _paramCount;
    private readonly ValType[] _localTypes;
    private readonly LocalBuilder?[] _locals;
    private readonly List<ValType> _stack = [];
    private readonly List<ControlFrame> _frames = [];
    private readonly Dictionary<Type, Stack<LocalBuilder>> _temps = [];
    private readonly LocalBuilder?[] _memObj;
    private readonly LocalBuilder?[] _memBase;

    /// <summary>Each used memory's length, cached so the JIT can keep it in a register; reloaded after anything that may grow it.</summary>
    private readonly LocalBuilder?[] _memLength;

    /// <summary>Each used global's cell: fixed for the instance, so loaded once.</summary>
    private readonly LocalBuilder?[] _globals;
    private readonly ArrayLocals? _arrayLocals;
    /// <summary>Identifies this method to exception filters (see <see cref="GuestException.DelegateTo"/>).</summary>
    private readonly int _methodId = NewMethodId();
    private int _nextRegionId;
    private bool _reachable = true;

    /// <summary>The index immediate of the instruction being compiled (the tag of a legacy <c>catch</c> met in dead code).</summary>
    private uint _lastIndex;
    private int _deadDepth;

    /// <summary>Whether the body has a call instruction: only then can it recurse, so only then does entry need the stack and epoch checks.</summary>
    private bool _makesCalls;
    private bool _hasLoops;

    /// <summary>The function's shared out-of-bounds trap block (see <see cref="EmitAddress"/>); null until a check uses it.</summary>
    private Label? _memoryTrap;

    private FunctionCompiler(CompiledModule cm, int definedIndex, PersistedTarget? persisted)
    {
        _cm = cm;
        _persisted = persisted;
        _m = cm.Module;
        int funcIndex = _m.ImportedFunctionCount + definedIndex;
        _type = (FuncType)_m.Types[_m.Functions[definedIndex]].Composite;
        _body = _m.Code[definedIndex];
        _paramCount = _type.Params.Length;
        long declared = _body.LocalCount;
        if (declared > int.MaxValue / 2)
        {
            throw new NotSupportedException($"function {funcIndex} has too many locals");
        }

        _localTypes = new ValType[_paramCount + declared];
        _type.Params.CopyTo(_localTypes, 0);
        int n = _paramCount;
        foreach (var g in _body.Locals)
        {
            for (uint i = 0; i < g.Count; i++)
            {
                _localTypes[n++] = g.Type;
            }
        }

        string name = TrapException.FramePrefix + cm.FunctionName(funcIndex);
        int ilSize = Math.Max(64, _body.Body.Code.Length * 4);
        if (persisted is null)
        {
            var dm = new DynamicMethod(name, ClrTypes.ReturnType(_type.Results), ClrTypes.ParameterTypes(_type), typeof(FunctionCompiler).Module, skipVisibility: true);
            _method = dm;
            _il = dm.GetILGenerator(ilSize);
        }
        else
        {
            var mb = persisted.DefineFunction(definedIndex, name, ClrTypes.ReturnType(_type.Results), ClrTypes.ParameterTypes(_type));
            _method = mb;
            _il = mb.GetILGenerator(ilSize);
        }
        _locals = new LocalBuilder?[_localTypes.Length];
        if (declared > MaxIlLocals)
        {
            _arrayLocals = new ArrayLocals(_il, _localTypes, _paramCount);
        }
        else
        {
            for (int i = _paramCount; i < _localTypes.Length; i++)
            {
                _locals[i] = _il.DeclareLocal(ClrTypes.Of(_localTypes[i]));
            }
        }

        int memoryCount = _m.ImportedMemoryCount + _m.Memories.Count;
        _memObj = new LocalBuilder?[memoryCount];
        _memBase = new LocalBuilder?[memoryCount];
        _memLength = new LocalBuilder?[memoryCount];
        _globals = new LocalBuilder?[_m.ImportedGlobalCount + _m.Globals.Count];
    }

    private short CtxArg => (short)_paramCount;

    public static DynamicMethod Compile(CompiledModule cm, int definedIndex)
    {
        var c = new FunctionCompiler(cm, definedIndex, null);
        c.EmitFunction();
        return (DynamicMethod)c._method;
    }

    /// <summary>Compiles defined function <paramref name="definedIndex"/> into <paramref name="target"/>'s assembly.</summary>
    public static void Compile(CompiledModule cm, int definedIndex, PersistedTarget target) =>
        new FunctionCompiler(cm, definedIndex, target).EmitFunction();

    private void EmitFunction()
    {
        EmitMemoryLocals();
        EmitStackCheck();
        _arrayLocals?.EmitAllocate();
        _frames.Add(new ControlFrame(ControlKind.Function, _il.DefineLabel(), 0, [], _type.Results));
        var r = new InstructionReader(_body.Body);
        EmitEntryChecks(r);
        while (!r.AtEnd)
        {
            var op = r.Read();
            _lastIndex = r.Index;
            if (!_reachable)
            {
                SkipDead(op);
            }
            else
            {
                Emit(op, ref r);
            }

            EmitChecksAfter(op, r);
        }

        if (_memoryTrap is Label trap)
        {
            // After the function's last instruction, reached only by the checks' jumps; the throw ends the IL.
            _il.MarkLabel(trap);
            _il.Emit(OpCodes.Call, Method(typeof(Traps), nameof(Traps.MemoryOutOfBounds)));
            _il.Emit(OpCodes.Ldnull);
            _il.Emit(OpCodes.Throw);
        }
    }

    /// <summary>
    /// Traps with "call stack exhausted" when this frame would reach below the store's stack limit. A function that
    /// calls nothing, with a small frame, needs no check: its frame fits in the reserve kept below the limit for host
    /// code (<see cref="GuestThread"/>).
    /// </summary>
    private void EmitStackCheck()
    {
        long frame = 64;
        foreach (var t in _arrayLocals is null ? _localTypes : _type.Params)
        {
            frame += t.Kind == ValTypeKind.V128 ? 16 : 8;
        }

        if (!_makesCalls && frame <= MaxUncheckedFrame)
        {
            return;
        }

        var probe = _il.DeclareLocal(typeof(int));
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloca, probe);
        _il.Emit(OpCodes.Conv_U);
        if (frame > 4096)
        {
            _il.Emit(OpCodes.Ldc_I4, (int)Math.Min(frame, int.MaxValue));
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Sub);
        }

        _il.Emit(OpCodes.Ldarg, CtxArg);
        _il.Emit(OpCodes.Ldfld, StoreField);
        _il.Emit(OpCodes.Ldfld, StackLimitField);
        _il.Emit(OpCodes.Bge_Un, ok);
        _il.Emit(OpCodes.Call, typeof(Traps).GetMethod(nameof(Traps.StackExhausted))!);
        _il.MarkLabel(ok);
    }

    /// <summary>Loads each memory the body uses (its fixed base address and current length) and each global it uses into locals once.</summary>
    private void EmitMemoryLocals()
    {
        var used = new bool[_memObj.Length];
        var usedGlobals = new bool[_globals.Length];
        var r = new InstructionReader(_body.Body);
        while (!r.AtEnd)
        {
            r.Read();
            _hasLoops |= r.Opcode == Opcode.Loop;
            _makesCalls |= r.Opcode is Opcode.Call or Opcode.CallIndirect or Opcode.CallRef
                or Opcode.ReturnCall or Opcode.ReturnCallIndirect or Opcode.ReturnCallRef;
            switch (r.Immediates)
            {
                case ImmediateKind.MemArg or ImmediateKind.MemArgLane:
                    used[r.MemArg.MemoryIndex] = true;
                    break;
                case ImmediateKind.Memory:
                    used[r.Index] = true;
                    break;
                case ImmediateKind.MemoryInit:
                    used[r.Index2] = true;
                    break;
                case ImmediateKind.MemoryCopy:
                    used[r.Index] = true;
                    used[r.Index2] = true;
                    break;
                case ImmediateKind.Global:
                    usedGlobals[r.Index] = true;
                    break;
            }
        }

        for (int i = 0; i < usedGlobals.Length; i++)
        {
            if (usedGlobals[i])
            {
                _globals[i] = _il.DeclareLocal(typeof(GlobalInstance));
                EmitInstanceElement(GlobalsField, i);
                _il.Emit(OpCodes.Stloc, _globals[i]!);
            }
        }

        for (int i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                continue;
            }

            _memObj[i] = _il.DeclareLocal(typeof(LinearMemory));
            _memBase[i] = _il.DeclareLocal(typeof(nint));
            EmitInstanceElement(MemoriesField, i);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Stloc, _memObj[i]!);
            _il.Emit(OpCodes.Ldfld, MemBaseField);
            _il.Emit(OpCodes.Stloc, _memBase[i]!);
            _memLength[i] = _il.DeclareLocal(typeof(ulong));
        }

        ReloadMemoryLengths();
    }

    /// <summary>Refreshes the cached memory lengths: at entry, and after calls and <c>memory.grow</c>, which may grow a memory.</summary>
    private void ReloadMemoryLengths()
    {
        for (int i = 0; i < _memLength.Length; i++)
        {
            if (_memLength[i] is { } len)
            {
                _il.Emit(OpCodes.Ldloc, _memObj[i]!);
                _il.Emit(OpCodes.Ldfld, MemLengthField);
                _il.Emit(OpCodes.Stloc, len);
            }
        }
    }

    private void SkipDead(Opcode op)
    {
        switch (op)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If or Opcode.TryTable or Opcode.Try:
                _deadDepth++;
                break;
            case Opcode.Else when _deadDepth == 0:
                EmitElse();
                break;
            case Opcode.Delegate when _deadDepth == 0:
                EmitDelegate((int)_lastIndex);
                break;
            case Opcode.Catch or Opcode.CatchAll when _deadDepth == 0:
                EmitLegacyCatch(op == Opcode.Catch ? (int)_lastIndex : -1);
                break;
            case Opcode.End when _deadDepth > 0:
                _deadDepth--;
                break;
            case Opcode.End:
                EmitEnd();
                break;
        }
    }

    // ---- operand stack model ----

    private void Push(ValType t) => _stack.Add(t);

    private ValType Pop()
    {
        var t = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return t;
    }

    private void Pop(int n) => _stack.RemoveRange(_stack.Count - n, n);

    private LocalBuilder Temp(Type t)
    {
        if (_temps.TryGetValue(t, out var pool) && pool.Count > 0)
        {
            return pool.Pop();
        }

        return _il.DeclareLocal(t);
    }

    private void Release(LocalBuilder l)
    {
        if (!_temps.TryGetValue(l.LocalType, out var pool))
        {
            pool = new Stack<LocalBuilder>();
            _temps[l.LocalType] = pool;
        }

        pool.Push(l);
    }

    /// <summary>Keeps the top <paramref name="keep"/> values and discards the <paramref name="drop"/> below them (IL only; the model is unchanged).</summary>
    private void EmitKeepTop(int keep, int drop)
    {
        if (drop == 0)
        {
            return;
        }

        var saved = new LocalBuilder[keep];
        for (int i = keep - 1; i >= 0; i--)
        {
            saved[i] = Temp(ClrTypes.Of(_stack[_stack.Count - keep + i]));
            _il.Emit(OpCodes.Stloc, saved[i]);
        }

        for (int i = 0; i < drop; i++)
        {
            _il.Emit(OpCodes.Pop);
        }

        foreach (var l in saved)
        {
            _il.Emit(OpCodes.Ldloc, l);
            Release(l);
        }
    }

    /// <summary>Stores the top <paramref name="n"/> values into temporaries (first pushed first) and pops them from the model.</summary>
    private LocalBuilder[] Spill(int n)
    {
        var saved = new LocalBuilder[n];
        for (int i = n - 1; i >= 0; i--)
        {
            saved[i] = Temp(ClrTypes.Of(Pop()));
            _il.Emit(OpCodes.Stloc, saved[i]);
        }

        return saved;
    }

    private void Reload(LocalBuilder l, bool widenToU64)
    {
        _il.Emit(OpCodes.Ldloc, l);
        if (widenToU64 && l.LocalType == typeof(int))
        {
            _il.Emit(OpCodes.Conv_U8);
        }

        Release(l);
    }

    // ---- control ----

    private (ValType[] Params, ValType[] Results) BlockSignature(BlockType bt) => bt.Kind switch
    {
        BlockTypeKind.Empty => ([], []),
        BlockTypeKind.Value => ([], [bt.Value]),
        _ => (((FuncType)_m.Types[bt.TypeIndex].Composite).Params, ((FuncType)_m.Types[bt.TypeIndex].Composite).Results),
    };

    private void EmitBlock(ControlKind kind, BlockType bt)
    {
        var (p, res) = BlockSignature(bt);
        var label = _il.DefineLabel();
        int height = _stack.Count - p.Length;
        if (kind == ControlKind.If)
        {
            Pop();
            height = _stack.Count - p.Length;
            var elseLabel = _il.DefineLabel();
            _il.Emit(OpCodes.Brfalse, elseLabel);
            _frames.Add(new ControlFrame(kind, label, height, p, res) { Else = elseLabel });
            return;
        }

        _frames.Add(new ControlFrame(kind, label, height, p, res));
        if (kind == ControlKind.Loop)
        {
            _il.MarkLabel(label);
        }
    }

    private void EmitElse()
    {
        var f = _frames[^1];
        if (_reachable)
        {
            _il.Emit(OpCodes.Br, f.Label);
            f.LabelUsed = true;
        }

        _il.MarkLabel(f.Else);
        f.HasElse = true;
        ResetStack(f.Height, f.Params);
        _reachable = true;
    }

    private void EmitEnd()
    {
        var f = _frames[^1];
        if (f.Kind == ControlKind.Function)
        {
            if (_reachable)
            {
                EmitReturn();
            }

            _frames.RemoveAt(_frames.Count - 1);
            return;
        }

        if (f.Kind is ControlKind.TryTable or ControlKind.Try)
        {
            EmitTryEnd(f);
            return;
        }

        _frames.RemoveAt(_frames.Count - 1);
        bool reachable = _reachable;
        if (f.Kind == ControlKind.If && !f.HasElse)
        {
            // The false path carries the parameters, which equal the results for an if without else.
            _il.MarkLabel(f.Else);
            reachable = true;
        }

        if (f.Kind != ControlKind.Loop && f.LabelUsed)
        {
            _il.MarkLabel(f.Label);
            reachable = true;
        }

        _reachable = reachable;
        ResetStack(f.Height, f.Results);
    }

    private void ResetStack(int height, ValType[] top)
    {
        _stack.RemoveRange(height, _stack.Count - height);
        _stack.AddRange(top);
    }

    private void Unreachable()
    {
        _reachable = false;
        _deadDepth = 0;
    }

    /// <summary>Branches to the frame <paramref name="depth"/> levels out, discarding values between its height and what it carries.</summary>
    private void EmitBranch(int depth)
    {
        int target = _frames.Count - 1 - depth;
        var f = _frames[target];
        for (int i = _frames.Count - 1; i >= target; i--)
        {
            if (_frames[i].Try is not null)
            {
                EmitLeave(_frames[i], f);
                return;
            }
        }

        if (f.Kind == ControlKind.Function)
        {
            EmitReturn();
            return;
        }

        int carry = f.BranchTypes.Length;
        EmitKeepTop(carry, _stack.Count - f.Height - carry);
        _il.Emit(OpCodes.Br, f.Label);
        f.LabelUsed = true;
    }

    /// <summary>True when a branch <paramref name="depth"/> levels out leaves a <c>try_table</c> region (or returns).</summary>
    private bool NeedsAdapter(int depth)
    {
        int target = _frames.Count - 1 - depth;
        for (int i = _frames.Count - 1; i >= target; i--)
        {
            if (_frames[i].Try is not null || _frames[i].Kind == ControlKind.Function)
            {
                return true;
            }
        }

        var f = _frames[target];
        return _stack.Count - f.Height - f.BranchTypes.Length != 0;
    }

    /// <summary>Inside a <c>try_table</c>, moves a tail call's top <paramref name="operands"/> out of the region and re-emits it there.</summary>
    private bool DeferTailCall(int operands, Action emit)
    {
        for (int i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].Try is { } region)
            {
                var types = _stack.GetRange(_stack.Count - operands, operands).ToArray();
                var temps = new LocalBuilder[operands];
                for (int j = operands - 1; j >= 0; j--)
                {
                    temps[j] = _il.DeclareLocal(ClrTypes.Of(types[j]));
                    _il.Emit(OpCodes.Stloc, temps[j]);
                }

                var label = _il.DefineLabel();
                _il.Emit(OpCodes.Leave, label);
                region.TailCalls.Add((label, types, temps, emit));
                Unreachable();
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaves the region of <paramref name="tryFrame"/> towards <paramref name="target"/>: the carried values go to temporaries first.</summary>
    private void EmitLeave(ControlFrame tryFrame, ControlFrame target)
    {
        var region = tryFrame.Try!;
        LocalBuilder[] temps;
        Label label;
        if (target == tryFrame)
        {
            temps = region.Results;
            label = region.After;
            region.AfterUsed = true;
        }
        else
        {
            if (!region.Trampolines.TryGetValue(target, out var t))
            {
                var types = target.BranchTypes;
                var locals = new LocalBuilder[types.Length];
                for (int i = 0; i < types.Length; i++)
                {
                    locals[i] = _il.DeclareLocal(ClrTypes.Of(types[i]));
                }

                t = (_il.DefineLabel(), locals);
                region.Trampolines[target] = t;
            }

            temps = t.Carried;
            label = t.Label;
        }

        for (int i = temps.Length - 1; i >= 0; i--)
        {
            _il.Emit(OpCodes.Stloc, temps[i]);
        }

        _il.Emit(OpCodes.Leave, label);
    }

    private void EmitBrIf(int depth)
    {
        Pop();
        var f = _frames[^(depth + 1)];
        if (!NeedsAdapter(depth))
        {
            _il.Emit(OpCodes.Brtrue, f.Label);
            f.LabelUsed = true;
            return;
        }

        var skip = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, skip);
        EmitBranch(depth);
        _il.MarkLabel(skip);
    }

    private void EmitBrTable(ref InstructionReader r)
    {
        Pop();
        var depths = new List<int>();
        foreach (uint d in r.BrTableLabels)
        {
            depths.Add((int)d);
        }

        int defaultDepth = (int)r.Index;
        var adapters = new Dictionary<int, Label>();
        var targets = new Label[depths.Count];
        for (int i = 0; i < depths.Count; i++)
        {
            targets[i] = TargetFor(depths[i], adapters);
        }

        _il.Emit(OpCodes.Switch, targets);
        EmitBranch(defaultDepth);
        foreach (var (depth, label) in adapters)
        {
            _il.MarkLabel(label);
            EmitBranch(depth);
        }

        Unreachable();
    }

    /// <summary>The switch target for a br_table label: the frame's label when nothing must be discarded, else an adapter block.</summary>
    private Label TargetFor(int depth, Dictionary<int, Label> adapters)
    {
        var f = _frames[^(depth + 1)];
        if (!NeedsAdapter(depth))
        {
            f.LabelUsed = true;
            return f.Label;
        }

        if (!adapters.TryGetValue(depth, out var label))
        {
            label = _il.DefineLabel();
            adapters[depth] = label;
        }

        return label;
    }

    private void EmitReturn()
    {
        int n = _type.Results.Length;
        EmitKeepTop(n, _stack.Count - n);
        ClrTypes.EmitPack(_il, _type.Results);
        _il.Emit(OpCodes.Ret);
    }

    // ---- calls ----

    private FuncType FuncTypeOf(int funcIndex) => (FuncType)_m.Types[_m.FunctionTypeIndex(funcIndex)].Composite;

    private void EmitCall(int funcIndex, bool tail)
    {
        var callee = FuncTypeOf(funcIndex);
        if (tail && DeferTailCall(callee.Params.Length, () => EmitCall(funcIndex, tail: true)))
        {
            return;
        }

        if (tail)
        {
            EmitKeepTop(callee.Params.Length, _stack.Count - callee.Params.Length);
        }

        int imported = _m.ImportedFunctionCount;
        if (funcIndex < imported)
        {
            EmitInstanceElement(FunctionsField, funcIndex);
            EmitCallFunctionInstance();
        }
        else
        {
            int defined = funcIndex - imported;
            var ok = _il.DefineLabel();
            _il.Emit(OpCodes.Ldarg, CtxArg);
            _il.Emit(OpCodes.Ldarg, CtxArg);
            _il.Emit(OpCodes.Ldfld, CodeField);
            _il.Emit(OpCodes.Ldc_I4, defined);
            _il.Emit(OpCodes.Ldelem_I);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Brtrue, ok);
            _il.Emit(OpCodes.Pop);
            _il.Emit(OpCodes.Ldarg, CtxArg);
            _il.Emit(OpCodes.Ldc_I4, defined);
            _il.Emit(OpCodes.Call, typeof(CompiledModule).GetMethod(nameof(CompiledModule.CompileFromCall))!);
            _il.MarkLabel(ok);
        }

        FinishCall(callee, tail);
    }

    /// <summary>With a <see cref="FunctionInstance"/> on the stack (arguments below it), pushes its instance and entry point.</summary>
    private void EmitCallFunctionInstance()
    {
        var fi = Temp(typeof(FunctionInstance));
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Stloc, fi);
        _il.Emit(OpCodes.Ldloc, fi);
        _il.Emit(OpCodes.Ldfld, FuncContextField);
        _il.Emit(OpCodes.Ldloc, fi);
        _il.Emit(OpCodes.Ldfld, FuncCodeField);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Brtrue, ok);
        _il.Emit(OpCodes.Pop);
        _il.Emit(OpCodes.Ldloc, fi);
        _il.Emit(OpCodes.Call, typeof(FunctionInstance).GetMethod(nameof(FunctionInstance.ResolveSlow))!);
        _il.MarkLabel(ok);
        Release(fi);
    }

    private void FinishCall(FuncType callee, bool tail)
    {
        if (tail)
        {
            _il.Emit(OpCodes.Tailcall);
            ClrTypes.EmitCalli(_il, callee);
            _il.Emit(OpCodes.Ret);
            Unreachable();
            return;
        }

        ClrTypes.EmitCalli(_il, callee);
        ReloadMemoryLengths();
        Pop(callee.Params.Length);
        if (callee.Results.Length > 1)
        {
            var tuple = Temp(ClrTypes.ReturnType(callee.Results));
            _il.Emit(OpCodes.Stloc, tuple);
            ClrTypes.EmitUnpack(_il, tuple, callee.Results);
            Release(tuple);
        }

        foreach (var t in callee.Results)
        {
            Push(t);
        }
    }

    private void EmitCallIndirect(int typeIndex, int tableIndex, bool tail)
    {
        var callee = (FuncType)_m.Types[typeIndex].Composite;
        if (tail && DeferTailCall(callee.Params.Length + 1, () => EmitCallIndirect(typeIndex, tableIndex, tail: true)))
        {
            return;
        }

        var index = Temp(typeof(ulong));
        if (Pop().Kind == ValTypeKind.I32)
        {
            _il.Emit(OpCodes.Conv_U8);
        }

        _il.Emit(OpCodes.Stloc, index);
        if (tail)
        {
            EmitKeepTop(callee.Params.Length, _stack.Count - callee.Params.Length);
        }

        EmitLoadTable(tableIndex);
        _il.Emit(OpCodes.Ldloc, index);
        Release(index);
        EmitTypeId(typeIndex);
        _il.Emit(OpCodes.Call, typeof(BulkOps).GetMethod(nameof(BulkOps.Indirect))!);
        EmitCallFunctionInstance();
        FinishCall(callee, tail);
    }

    private void EmitCallRef(int typeIndex, bool tail)
    {
        var callee = (FuncType)_m.Types[typeIndex].Composite;
        if (tail && DeferTailCall(callee.Params.Length + 1, () => EmitCallRef(typeIndex, tail: true)))
        {
            return;
        }

        var target = Temp(typeof(object));
        Pop();
        _il.Emit(OpCodes.Stloc, target);
        if (tail)
        {
            EmitKeepTop(callee.Params.Length, _stack.Count - callee.Params.Length);
        }

        _il.Emit(OpCodes.Ldloc, target);
        Release(target);
        _il.Emit(OpCodes.Call, typeof(BulkOps).GetMethod(nameof(BulkOps.CallRef))!);
        EmitCallFunctionInstance();
        FinishCall(callee, tail);
    }

    // ---- variables ----

    private void EmitLocalGet(int i)
    {
        if (i < _paramCount)
        {
            _il.Emit(OpCodes.Ldarg, (short)i);
        }
        else if (_arrayLocals is { } arrays)
        {
            arrays.EmitLoad(i);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _locals[i]!);
        }

        Push(_localTypes[i]);
    }

    private void EmitLocalSet(int i, bool tee)
    {
        if (tee)
        {
            _il.Emit(OpCodes.Dup);
        }
        else
        {
            Pop();
        }

        if (i < _paramCount)
        {
            _il.Emit(OpCodes.Starg, (short)i);
        }
        else if (_arrayLocals is { } arrays)
        {
            var v = Temp(ClrTypes.Of(_localTypes[i]));
            _il.Emit(OpCodes.Stloc, v);
            arrays.EmitStore(i, v);
            Release(v);
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _locals[i]!);
        }
    }

    private ValType GlobalType(int i) => _m.GlobalTypeAt(i).Type;

    private static FieldInfo GlobalField(ValType t) => typeof(GlobalInstance).GetField(t.Kind switch
    {
        ValTypeKind.I32 => nameof(GlobalInstance.I32),
        ValTypeKind.I64 => nameof(GlobalInstance.I64),
        ValTypeKind.F32 => nameof(GlobalInstance.F32),
        ValTypeKind.F64 => nameof(GlobalInstance.F64),
        ValTypeKind.V128 => nameof(GlobalInstance.V128),
        _ => nameof(GlobalInstance.Ref),
    })!;

    private void EmitLoadGlobalObject(int i)
    {
        if (_globals[i] is { } cached)
        {
            _il.Emit(OpCodes.Ldloc, cached);
            return;
        }

        EmitInstanceElement(GlobalsField, i);
    }

    private void EmitGlobalGet(int i)
    {
        var t = GlobalType(i);
        EmitLoadGlobalObject(i);
        _il.Emit(OpCodes.Ldfld, GlobalField(t));
        Push(t);
    }

    private void EmitGlobalSet(int i)
    {
        var t = GlobalType(i);
        var v = Spill(1)[0];
        EmitLoadGlobalObject(i);
        _il.Emit(OpCodes.Ldloc, v);
        Release(v);
        _il.Emit(OpCodes.Stfld, GlobalField(t));
    }

    private void EmitLoadTable(int i) => EmitInstanceElement(TablesField, i);

    /// <summary>Pushes element <paramref name="index"/> of the instance's array <paramref name="field"/>.</summary>
    private void EmitInstanceElement(FieldInfo field, int index)
    {
        _il.Emit(OpCodes.Ldarg, CtxArg);
        _il.Emit(OpCodes.Ldfld, field);
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private bool TableIs64(int i) => _m.TableTypeAt(i).Is64;

    private static MethodInfo Method(Type t, string name) => t.GetMethod(name) ?? throw new MissingMethodException(t.Name, name);
}
