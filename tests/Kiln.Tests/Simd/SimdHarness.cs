using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Kiln.Compiler.Simd;

namespace Kiln.Tests.Simd;

/// <summary>
/// Calls a SIMD helper the way the compiler will: a <see cref="DynamicMethod"/> that loads the operands, pushes the immediates
/// as IL constants and <c>call</c>s <see cref="SimdOperation.Method"/>, so RyuJIT inlines it with constant immediates.
/// </summary>
internal static class SimdHarness
{
    private static readonly ConcurrentDictionary<(SimdOperation, string), DynamicMethod> Stubs = new();

    /// <summary>Runs the emitted-call form with <paramref name="operands"/> then the trailing immediates.</summary>
    public static object? InvokeEmitted(SimdOperation op, object[] args)
    {
        var immediates = args[op.Pops..];
        var stub = Stubs.GetOrAdd((op, string.Join(",", immediates)), _ => Build(op, immediates));
        return stub.Invoke(null, args[..op.Pops]);
    }

    /// <summary>Runs the helper itself through reflection (not inlined; immediates as variables).</summary>
    public static object? InvokeDirect(SimdOperation op, object[] args) => op.Method.Invoke(null, args);

    private static DynamicMethod Build(SimdOperation op, object[] immediates)
    {
        var parameters = op.Method.GetParameters().Take(op.Pops).Select(p => p.ParameterType).ToArray();
        var stub = new DynamicMethod($"call_{op.Opcode}", op.Method.ReturnType, parameters, typeof(SimdHarness).Module, skipVisibility: true);
        var il = stub.GetILGenerator();
        for (short i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, i);
        }

        foreach (var immediate in immediates)
        {
            switch (immediate)
            {
                case int lane:
                    il.Emit(OpCodes.Ldc_I4, lane);
                    break;
                case ulong half:
                    il.Emit(OpCodes.Ldc_I8, unchecked((long)half));
                    break;
                default:
                    throw new NotSupportedException(immediate.GetType().Name);
            }
        }

        il.Emit(OpCodes.Call, op.Method);
        il.Emit(OpCodes.Ret);
        return stub;
    }

    /// <summary>Lane count of the shape named at the start of an opcode name (the lane immediate's range).</summary>
    public static int LaneCount(string name) => name switch
    {
        _ when name.StartsWith("I8x16", StringComparison.Ordinal) || name.Contains("8Lane", StringComparison.Ordinal) => 16,
        _ when name.StartsWith("I16x8", StringComparison.Ordinal) || name.Contains("16Lane", StringComparison.Ordinal) => 8,
        _ when name.StartsWith("I32x4", StringComparison.Ordinal) || name.StartsWith("F32x4", StringComparison.Ordinal) || name.Contains("32Lane", StringComparison.Ordinal) => 4,
        _ => 2,
    };

    public static ParameterInfo[] Operands(SimdOperation op) => op.Method.GetParameters()[..op.Pops];
}
