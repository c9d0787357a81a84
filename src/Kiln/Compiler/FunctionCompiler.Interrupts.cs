using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Fuel metering and interruption checks. Fuel: each straight-line region (from function entry, a loop header, an
/// <c>else</c>, a handler or the end of a block up to the next of these) is charged its static instruction count where
/// it starts, with Wasmtime's costs (nop, drop, block, loop, unreachable, return, else and end are free); a loop header
/// starts a region, so every iteration pays. Interruption: loop headers, and the entry of functions that make calls
/// (every call cycle passes one), compare the engine's epoch with the store's deadline. Fast paths: fuel is a load, a
/// subtract, a store and a branch; the epoch two loads and a branch (the store and its counter sit in locals loaded at
/// entry). The traps are out of line.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Which checks each module's code carries, fixed before its first compilation (code is shared by its instances).</summary>
    private static readonly ConditionalWeakTable<WasmModule, Tuple<bool, bool>> Checks = [];

    private static readonly FieldInfo EpochField = typeof(Kiln.Runtime.Store).GetField(nameof(Kiln.Runtime.Store.Epoch))!;
    private static readonly FieldInfo FuelField = typeof(Kiln.Runtime.Store).GetField(nameof(Kiln.Runtime.Store.Fuel))!;
    private static readonly FieldInfo DeadlineField = typeof(Kiln.Runtime.Store).GetField(nameof(Kiln.Runtime.Store.EpochDeadline))!;
    private static readonly FieldInfo EpochValueField = typeof(EpochCounter).GetField(nameof(EpochCounter.Value))!;

    private LocalBuilder? _store;
    private LocalBuilder? _epoch;
    private LocalBuilder? _fuelLeft;
    private bool _consumeFuel;
    private bool _checkEpoch;

    /// <summary>
    /// Records the checks <paramref name="module"/>'s code must carry: the store's engine settings, given before any of
    /// its functions is compiled. A module is decoded for one engine, so its settings never change.
    /// </summary>
    public static void UseChecks(WasmModule module, bool consumeFuel, bool epochInterruption)
    {
        var wanted = Tuple.Create(consumeFuel, epochInterruption);
        var used = Checks.GetValue(module, _ => wanted);
        if (!used.Equals(wanted))
        {
            throw new InvalidOperationException("the module was compiled for an engine with other fuel or interruption settings");
        }
    }

    /// <summary>At function entry, after the stack check: the interruption check and the first region's fuel.</summary>
    private void EmitEntryChecks(InstructionReader r)
    {
        // Instantiation and Module.Compile record the checks first; anything else gets the engine defaults.
        var checks = Checks.GetValue(_m, static _ => Tuple.Create(false, true));
        (_consumeFuel, _checkEpoch) = (checks.Item1, checks.Item2);
        _checkEpoch &= _makesCalls || _hasLoops;
        if (!_consumeFuel && !_checkEpoch)
        {
            return;
        }

        _store = _il.DeclareLocal(typeof(Kiln.Runtime.Store));
        _il.Emit(OpCodes.Ldarg, CtxArg);
        _il.Emit(OpCodes.Ldfld, StoreField);
        _il.Emit(OpCodes.Stloc, _store);
        if (_checkEpoch)
        {
            // The store's counter never changes, so loop headers load only the epoch and the deadline.
            _epoch = _il.DeclareLocal(typeof(EpochCounter));
            _il.Emit(OpCodes.Ldloc, _store);
            _il.Emit(OpCodes.Ldfld, EpochField);
            _il.Emit(OpCodes.Stloc, _epoch);
        }

        // Loop headers check for themselves; entry needs the check only where a call cycle can pass.
        if (_makesCalls)
        {
            EmitEpochCheck();
        }

        EmitFuelCharge(r);
    }

    /// <summary>After <paramref name="op"/> was compiled (or skipped as dead): a loop header checks the epoch; every region start charges fuel.</summary>
    private void EmitChecksAfter(Opcode op, InstructionReader r)
    {
        if (!_reachable || _frames.Count == 0 || op is not (Opcode.Loop or Opcode.Else or Opcode.End or Opcode.Catch or Opcode.CatchAll or Opcode.Delegate))
        {
            return;
        }

        if (op == Opcode.Loop)
        {
            EmitEpochCheck();
        }

        EmitFuelCharge(r);
    }

    private void EmitEpochCheck()
    {
        if (!_checkEpoch)
        {
            return;
        }

        // Volatile loads: another thread moves the epoch or the deadline, and a loop that stores nothing must not hoist them.
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _epoch!);
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldfld, EpochValueField);
        _il.Emit(OpCodes.Ldloc, _store!);
        _il.Emit(OpCodes.Volatile);
        _il.Emit(OpCodes.Ldfld, DeadlineField);
        _il.Emit(OpCodes.Blt_Un, ok);
        _il.Emit(OpCodes.Call, typeof(Traps).GetMethod(nameof(Traps.Interrupted))!);
        _il.MarkLabel(ok);
    }

    /// <summary>Charges the region that starts at <paramref name="r"/>'s position: <c>Fuel -= cost; if (Fuel &lt; 0) trap</c>.</summary>
    private void EmitFuelCharge(InstructionReader r)
    {
        if (!_consumeFuel)
        {
            return;
        }

        long cost = RegionCost(r);
        if (cost == 0)
        {
            return;
        }

        _fuelLeft ??= _il.DeclareLocal(typeof(long));
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _store!);
        _il.Emit(OpCodes.Ldfld, FuelField);
        _il.Emit(OpCodes.Ldc_I8, cost);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, _fuelLeft);
        _il.Emit(OpCodes.Ldloc, _store!);
        _il.Emit(OpCodes.Ldloc, _fuelLeft);
        _il.Emit(OpCodes.Stfld, FuelField);
        _il.Emit(OpCodes.Ldloc, _fuelLeft);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Conv_I8);
        _il.Emit(OpCodes.Bge, ok);
        _il.Emit(OpCodes.Ldloc, _store!);
        _il.Emit(OpCodes.Call, typeof(Traps).GetMethod(nameof(Traps.OutOfFuel))!);
        _il.MarkLabel(ok);
    }

    /// <summary>Wasmtime's cost of the instructions from <paramref name="r"/>'s position up to the next region start.</summary>
    private static long RegionCost(InstructionReader r)
    {
        long cost = 0;
        while (!r.AtEnd)
        {
            switch (r.Read())
            {
                case Opcode.Loop or Opcode.Else or Opcode.End or Opcode.Catch or Opcode.CatchAll or Opcode.Delegate:
                    return cost;
                case Opcode.Nop or Opcode.Drop or Opcode.Block or Opcode.Unreachable or Opcode.Return:
                    break;
                default:
                    cost++;
                    break;
            }
        }

        return cost;
    }
}
