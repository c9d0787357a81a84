using System.Reflection.Emit;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>Exception handling of <see cref="FunctionCompiler"/>: <c>try_table</c> as an IL try/catch (see <see cref="TryRegion"/>), <c>throw</c>.</summary>
internal sealed partial class FunctionCompiler
{
    private FuncType TagType(int tag) => (FuncType)_m.Types[_m.TagTypeIndex(tag)].Composite;

    private void EmitThrow(int tag)
    {
        var type = TagType(tag);
        var values = Spill(type.Params.Length);
        var array = Temp(typeof(Value[]));
        _il.Emit(OpCodes.Ldc_I4, values.Length);
        _il.Emit(OpCodes.Newarr, typeof(Value));
        _il.Emit(OpCodes.Stloc, array);
        for (int i = 0; i < values.Length; i++)
        {
            _il.Emit(OpCodes.Ldloc, array);
            _il.Emit(OpCodes.Ldc_I4, i);
            _il.Emit(OpCodes.Ldelema, typeof(Value));
            _il.Emit(OpCodes.Ldloc, values[i]);
            Release(values[i]);
            Invoker.EmitToValue(_il, type.Params[i]);
            _il.Emit(OpCodes.Stobj, typeof(Value));
        }

        _il.Emit(OpCodes.Ldarg, CtxArg);
        _il.Emit(OpCodes.Ldc_I4, tag);
        _il.Emit(OpCodes.Ldloc, array);
        Release(array);
        _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Create)));
        _il.Emit(OpCodes.Throw);
        Unreachable();
    }

    private void EmitTryTable(ref InstructionReader r)
    {
        var clauses = new List<CatchClause>();
        foreach (var c in r.CatchClauses)
        {
            clauses.Add(c);
        }

        EmitTryStart(ControlKind.TryTable, r.Block, [.. clauses]);
    }

    private void EmitTryStart(ControlKind kind, BlockType block, CatchClause[] clauses)
    {
        var (p, res) = BlockSignature(block);
        var parameters = Spill(p.Length);
        var outerTypes = _stack.ToArray();
        var outer = new LocalBuilder[outerTypes.Length];
        for (int i = outer.Length - 1; i >= 0; i--)
        {
            outer[i] = _il.DeclareLocal(ClrTypes.Of(outerTypes[i]));
            _il.Emit(OpCodes.Stloc, outer[i]);
        }

        _stack.Clear();
        var results = new LocalBuilder[res.Length];
        for (int i = 0; i < res.Length; i++)
        {
            results[i] = _il.DeclareLocal(ClrTypes.Of(res[i]));
        }

        var region = new TryRegion(outerTypes, outer, results, _il.DefineLabel(), clauses) { Id = _nextRegionId++ };
        _il.BeginExceptionBlock();
        foreach (var l in parameters)
        {
            Reload(l, false);
        }

        _stack.AddRange(p);
        _frames.Add(new ControlFrame(kind, _il.DefineLabel(), 0, p, res) { Try = region });
    }

    /// <summary>Legacy <c>catch</c> (<paramref name="tag"/> &gt;= 0) or <c>catch_all</c>: ends the previous body and starts this one inside the IL handler.</summary>
    private void EmitLegacyCatch(int tag)
    {
        var f = _frames[^1];
        var region = f.Try!;
        if (_reachable)
        {
            EmitLeave(f, f);
        }

        if (region.Caught is null)
        {
            BeginHandler(region);
            region.Caught = _il.DeclareLocal(typeof(GuestException));
            _il.Emit(OpCodes.Stloc, region.Caught);
        }
        else if (region.NextCatch is { } pending)
        {
            _il.MarkLabel(pending);
        }

        region.NextCatch = null;
        _stack.Clear();
        _reachable = true;
        if (tag < 0)
        {
            return;
        }

        var next = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, region.Caught);
        _il.Emit(OpCodes.Ldarg, CtxArg);
        _il.Emit(OpCodes.Ldc_I4, tag);
        _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Matches)));
        _il.Emit(OpCodes.Brfalse, next);
        region.NextCatch = next;
        var payload = TagType(tag).Params;
        var boxed = Temp(typeof(Value));
        for (int j = 0; j < payload.Length; j++)
        {
            _il.Emit(OpCodes.Ldloc, region.Caught);
            _il.Emit(OpCodes.Ldc_I4, j);
            _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Payload)));
            _il.Emit(OpCodes.Stloc, boxed);
            _il.Emit(OpCodes.Ldloca, boxed);
            Invoker.EmitFromValue(_il, payload[j]);
            Push(payload[j]);
        }

        Release(boxed);
    }

    private void EmitTryEnd(ControlFrame f)
    {
        var region = f.Try!;
        _frames.RemoveAt(_frames.Count - 1);
        if (_reachable)
        {
            EmitLeave(f, f);
        }

        if (f.Kind == ControlKind.Try)
        {
            // Legacy try: the catch bodies are already in the handler; an unmatched exception goes on.
            if (region.Caught is null)
            {
                BeginHandler(region);
                _il.Emit(OpCodes.Pop);
                _il.Emit(OpCodes.Rethrow);
            }
            else if (region.NextCatch is { } pending)
            {
                _il.MarkLabel(pending);
                _il.Emit(OpCodes.Rethrow);
            }

            _il.EndExceptionBlock();
            FinishRegion(f, region, []);
            return;
        }

        BeginHandler(region);
        var ex = _il.DeclareLocal(typeof(GuestException));
        _il.Emit(OpCodes.Stloc, ex);
        var catches = new List<(Label Label, ValType[] Types, LocalBuilder[] Values, int Depth)>();
        foreach (var clause in region.Clauses)
        {
            var next = _il.DefineLabel();
            bool tagged = clause.Kind is CatchKind.Catch or CatchKind.CatchRef;
            bool withRef = clause.Kind is CatchKind.CatchRef or CatchKind.CatchAllRef;
            var payload = tagged ? TagType((int)clause.Tag).Params : [];
            if (tagged)
            {
                _il.Emit(OpCodes.Ldloc, ex);
                _il.Emit(OpCodes.Ldarg, CtxArg);
                _il.Emit(OpCodes.Ldc_I4, (int)clause.Tag);
                _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Matches)));
                _il.Emit(OpCodes.Brfalse, next);
            }

            ValType[] types = withRef ? [.. payload, ValType.ExnRef] : payload;
            var values = new LocalBuilder[types.Length];
            var boxed = _il.DeclareLocal(typeof(Value));
            for (int j = 0; j < payload.Length; j++)
            {
                values[j] = _il.DeclareLocal(ClrTypes.Of(types[j]));
                _il.Emit(OpCodes.Ldloc, ex);
                _il.Emit(OpCodes.Ldc_I4, j);
                _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Payload)));
                _il.Emit(OpCodes.Stloc, boxed);
                _il.Emit(OpCodes.Ldloca, boxed);
                Invoker.EmitFromValue(_il, types[j]);
                _il.Emit(OpCodes.Stloc, values[j]);
            }

            if (withRef)
            {
                values[^1] = _il.DeclareLocal(typeof(object));
                _il.Emit(OpCodes.Ldloc, ex);
                _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.ExnRef)));
                _il.Emit(OpCodes.Stloc, values[^1]);
            }

            var label = _il.DefineLabel();
            _il.Emit(OpCodes.Leave, label);
            catches.Add((label, types, values, (int)clause.Label));
            _il.MarkLabel(next);
        }

        _il.Emit(OpCodes.Rethrow);
        _il.EndExceptionBlock();
        FinishRegion(f, region, catches);
    }

    /// <summary>Starts the region's handler: a filter admits Wasm exceptions not delegated past it; the handler starts with the accepted <see cref="GuestException"/> on the stack.</summary>
    private void BeginHandler(TryRegion region)
    {
        _il.BeginExceptFilterBlock();
        EmitMethodId();
        _il.Emit(OpCodes.Ldc_I4, region.Id);
        _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Filter)));
        _il.BeginCatchBlock(null!);
        _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Accept)));
    }

    /// <summary>
    /// Legacy <c>try ... delegate l</c>: ends the try; its handler passes the exception to the handler of the innermost
    /// region enclosing label <paramref name="depth"/> (skipping those in between), or to the caller.
    /// </summary>
    private void EmitDelegate(int depth)
    {
        var f = _frames[^1];
        var region = f.Try!;
        _frames.RemoveAt(_frames.Count - 1);
        if (_reachable)
        {
            EmitLeave(f, f);
        }

        int target = -1;
        for (int i = _frames.Count - 1 - depth; i >= 0; i--)
        {
            // A try whose catch bodies we are in no longer covers this code; its own enclosing handler does.
            if (_frames[i].Try is { Caught: null } outer)
            {
                target = outer.Id;
                break;
            }
        }

        BeginHandler(region);
        EmitMethodId();
        _il.Emit(OpCodes.Ldc_I4, target);
        _il.Emit(OpCodes.Call, Method(typeof(ExceptionOps), nameof(ExceptionOps.Delegate)));
        _il.Emit(OpCodes.Throw);
        _il.EndExceptionBlock();
        FinishRegion(f, region, []);
    }

    /// <summary>Emits the code after a region: trampolines for branches and tail calls that left it, catch targets, then the block's end.</summary>
    private void FinishRegion(ControlFrame f, TryRegion region, List<(Label Label, ValType[] Types, LocalBuilder[] Values, int Depth)> catches)
    {
        // ILGenerator closes the region with its own leave to here, which our code never takes (every path out is an
        // explicit leave or throw); end that path so it neither runs into a trampoline nor falls off the method.
        _il.Emit(OpCodes.Ldnull);
        _il.Emit(OpCodes.Throw);

        // Catch targets are relative to the frames around the try_table; capture them before trampolines branch.
        var catchTargets = new List<ControlFrame>();
        foreach (var c in catches)
        {
            catchTargets.Add(_frames[^(c.Depth + 1)]);
        }

        foreach (var (target, (label, carried)) in region.Trampolines)
        {
            _il.MarkLabel(label);
            RestoreOuter(region, target.BranchTypes, carried);
            EmitBranch(_frames.Count - 1 - _frames.IndexOf(target));
        }

        foreach (var (label, types, operands, emit) in region.TailCalls)
        {
            _il.MarkLabel(label);
            RestoreOuter(region, types, operands);
            emit();
        }

        for (int i = 0; i < catches.Count; i++)
        {
            _il.MarkLabel(catches[i].Label);
            RestoreOuter(region, catches[i].Types, catches[i].Values);
            EmitBranch(_frames.Count - 1 - _frames.IndexOf(catchTargets[i]));
        }

        if (region.AfterUsed)
        {
            _il.MarkLabel(region.After);
            RestoreOuter(region, f.Results, region.Results);
            _reachable = true;
        }
        else
        {
            _stack.Clear();
            _stack.AddRange(region.OuterTypes);
            _stack.AddRange(f.Results);
            Unreachable();
        }
    }

    /// <summary>After leaving a region: puts the parked values back, then <paramref name="carried"/>.</summary>
    private void RestoreOuter(TryRegion region, ValType[] types, LocalBuilder[] carried)
    {
        // The region may have called code that grew a memory.
        ReloadMemoryLengths();
        _stack.Clear();
        _stack.AddRange(region.OuterTypes);
        foreach (var l in region.Outer)
        {
            _il.Emit(OpCodes.Ldloc, l);
        }

        _stack.AddRange(types);
        foreach (var l in carried)
        {
            _il.Emit(OpCodes.Ldloc, l);
        }

        _reachable = true;
    }
}
