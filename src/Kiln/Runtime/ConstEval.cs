using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>Evaluates constant expressions (global initialisers, segment offsets and items), extended-const included.</summary>
internal static class ConstEval
{
    public static Value Eval(Expr expr, Instance instance)
    {
        // Most constant expressions are one instruction (i32.const 1024, global.get 0): those need no operand stack,
        // which is an allocation per segment and global of every instantiation.
        if (Single(expr, instance) is { } single)
        {
            return single;
        }

        Span<Value> stack = new Value[8];
        int sp = 0;
        var r = new InstructionReader(expr);
        while (!r.AtEnd)
        {
            switch (r.Read())
            {
                case Opcode.I32Const: Push(ref stack, ref sp, Value.I32((int)r.Value)); break;
                case Opcode.I64Const: Push(ref stack, ref sp, Value.I64(r.Value)); break;
                case Opcode.F32Const: Push(ref stack, ref sp, Value.F32Bits((uint)r.Value)); break;
                case Opcode.F64Const: Push(ref stack, ref sp, Value.F64Bits((ulong)r.Value)); break;
                case Opcode.V128Const: Push(ref stack, ref sp, new Value(ValType.V128, r.V128Low, r.V128High)); break;
                case Opcode.RefNull: Push(ref stack, ref sp, Value.FromRef(ValType.Ref(r.Heap, true), null)); break;
                case Opcode.RefFunc:
                    var f = instance.Functions[r.Index];
                    Push(ref stack, ref sp, Value.FromRef(ValType.Ref(HeapType.Func, false), f));
                    break;
                case Opcode.GlobalGet: Push(ref stack, ref sp, instance.Globals[r.Index].Value); break;
                case Opcode.I32Add: Binary32(stack, ref sp, static (a, b) => a + b); break;
                case Opcode.I32Sub: Binary32(stack, ref sp, static (a, b) => a - b); break;
                case Opcode.I32Mul: Binary32(stack, ref sp, static (a, b) => a * b); break;
                case Opcode.I64Add: Binary64(stack, ref sp, static (a, b) => a + b); break;
                case Opcode.I64Sub: Binary64(stack, ref sp, static (a, b) => a - b); break;
                case Opcode.I64Mul: Binary64(stack, ref sp, static (a, b) => a * b); break;
                case Opcode.End: break;
                case var op when Gc.GcConstEval.TryEval(op, ref r, instance, ref stack, ref sp): break;
                case var op: throw new NotSupportedException($"constant instruction {OpcodeTable.Get(op).Name} is not supported");
            }
        }

        return stack[sp - 1];
    }

    private static Value? Single(Expr expr, Instance instance)
    {
        var r = new InstructionReader(expr);
        if (r.AtEnd)
        {
            return null;
        }

        Value v;
        switch (r.Read())
        {
            case Opcode.I32Const: v = Value.I32((int)r.Value); break;
            case Opcode.I64Const: v = Value.I64(r.Value); break;
            case Opcode.GlobalGet: v = instance.Globals[r.Index].Value; break;
            default: return null;
        }

        return r.AtEnd || (r.Read() == Opcode.End && r.AtEnd) ? v : null;
    }

    private static void Push(ref Span<Value> stack, ref int sp, Value v)
    {
        if (sp == stack.Length)
        {
            var bigger = new Value[stack.Length * 2];
            stack.CopyTo(bigger);
            stack = bigger;
        }

        stack[sp++] = v;
    }

    private static void Binary32(Span<Value> stack, ref int sp, Func<int, int, int> op)
    {
        sp--;
        stack[sp - 1] = Value.I32(op(stack[sp - 1].AsI32, stack[sp].AsI32));
    }

    private static void Binary64(Span<Value> stack, ref int sp, Func<long, long, long> op)
    {
        sp--;
        stack[sp - 1] = Value.I64(op(stack[sp - 1].AsI64, stack[sp].AsI64));
    }
}
