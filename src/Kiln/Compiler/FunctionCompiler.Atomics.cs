using System.Reflection.Emit;
using Kiln.Binary;

namespace Kiln.Compiler;

/// <summary>Atomic instructions of <see cref="FunctionCompiler"/> (threads proposal), lowered to <see cref="AtomicOps"/>.</summary>
internal sealed partial class FunctionCompiler
{
    private bool EmitAtomic(Opcode op, MemArg arg)
    {
        if ((int)op >> 12 != 0xFE)
        {
            return false;
        }

        if (op == Opcode.AtomicFence)
        {
            return true;
        }

        string name = op.ToString();
        bool wide = name.StartsWith("I64", StringComparison.Ordinal);
        string rest = name[(name.IndexOf("Atomic", StringComparison.Ordinal) + 6)..];
        int width = rest.Contains("8", StringComparison.Ordinal) ? 1
            : rest.Contains("16", StringComparison.Ordinal) ? 2
            : rest.Contains("32", StringComparison.Ordinal) || !wide ? 4 : 8;
        switch (op)
        {
            case Opcode.MemoryAtomicNotify:
                EmitAtomicAddress(arg, 4, 1);
                _il.Emit(OpCodes.Pop);
                _il.Emit(OpCodes.Pop);
                _il.Emit(OpCodes.Ldc_I4_0);
                Push(I32);
                return true;
            case Opcode.MemoryAtomicWait32 or Opcode.MemoryAtomicWait64:
                {
                    int w = op == Opcode.MemoryAtomicWait32 ? 4 : 8;
                    var operands = Spill(3);
                    _il.Emit(OpCodes.Ldloc, _memObj[arg.MemoryIndex]!);
                    Reload(operands[0], false);
                    EmitAddress(arg, w);
                    _il.Emit(OpCodes.Ldc_I4, w);
                    _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Aligned)));
                    Reload(operands[1], false);
                    if (w == 4)
                    {
                        _il.Emit(OpCodes.Conv_U8);
                    }

                    Reload(operands[2], false);
                    _il.Emit(OpCodes.Ldc_I4, w);
                    _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Wait)));
                    Push(I32);
                    return true;
                }
        }

        if (rest.StartsWith("Load", StringComparison.Ordinal))
        {
            EmitAtomicAddress(arg, width, 0);
            _il.Emit(OpCodes.Ldc_I4, width);
            _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Load)));
        }
        else if (rest.StartsWith("Store", StringComparison.Ordinal))
        {
            EmitAtomicAddress(arg, width, 1);
            _il.Emit(OpCodes.Ldc_I4, width);
            _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Store)));
            return true;
        }
        else if (rest.Contains("Cmpxchg", StringComparison.Ordinal))
        {
            EmitAtomicAddress(arg, width, 2);
            _il.Emit(OpCodes.Ldc_I4, width);
            _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Cmpxchg)));
        }
        else
        {
            int kind = rest.Contains("Add", StringComparison.Ordinal) ? AtomicOps.Add
                : rest.Contains("Sub", StringComparison.Ordinal) ? AtomicOps.Sub
                : rest.Contains("And", StringComparison.Ordinal) ? AtomicOps.And
                : rest.Contains("Xor", StringComparison.Ordinal) ? AtomicOps.Xor
                : rest.Contains("Or", StringComparison.Ordinal) ? AtomicOps.Or
                : AtomicOps.Xchg;
            EmitAtomicAddress(arg, width, 1);
            _il.Emit(OpCodes.Ldc_I4, width);
            _il.Emit(OpCodes.Ldc_I4, kind);
            _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Rmw)));
        }

        if (!wide)
        {
            _il.Emit(OpCodes.Conv_I4);
        }

        Push(wide ? I64 : I32);
        return true;
    }

    /// <summary>Leaves the checked, aligned host address of an atomic access, then its <paramref name="operands"/> widened to i64.</summary>
    private void EmitAtomicAddress(MemArg arg, int width, int operands)
    {
        var values = Spill(operands);
        Pop();
        EmitAddress(arg, width);
        _il.Emit(OpCodes.Ldc_I4, width);
        _il.Emit(OpCodes.Call, Method(typeof(AtomicOps), nameof(AtomicOps.Aligned)));
        foreach (var v in values)
        {
            bool narrow = v.LocalType == typeof(int);
            Reload(v, false);
            if (narrow)
            {
                _il.Emit(OpCodes.Conv_I8);
            }
        }
    }
}
