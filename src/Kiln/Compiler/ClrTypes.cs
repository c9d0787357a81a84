using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// How Wasm values look in generated code: i32 → int, i64 → long, f32 → float, f64 → double, v128 → Vector128&lt;byte&gt;,
/// references → object. A function returns nothing, its single result, or a ValueTuple of its results (nested through
/// <c>Rest</c> past seven), and takes its parameters then the <see cref="Instance"/>.
/// </summary>
internal static class ClrTypes
{
    public static Type Of(ValType t) => t.Kind switch
    {
        ValTypeKind.I32 => typeof(int),
        ValTypeKind.I64 => typeof(long),
        ValTypeKind.F32 => typeof(float),
        ValTypeKind.F64 => typeof(double),
        ValTypeKind.V128 => typeof(Vector128<byte>),
        _ => typeof(object),
    };

    public static Type ReturnType(ValType[] results) => results.Length switch
    {
        0 => typeof(void),
        1 => Of(results[0]),
        _ => TupleType(results, 0),
    };

    public static Type[] ParameterTypes(FuncType type)
    {
        var p = new Type[type.Params.Length + 1];
        for (int i = 0; i < type.Params.Length; i++)
        {
            p[i] = Of(type.Params[i]);
        }

        p[^1] = typeof(Instance);
        return p;
    }

    /// <summary>Emits <c>calli</c> for a function of <paramref name="type"/> (arguments, instance and entry point on the stack).</summary>
    public static void EmitCalli(ILGenerator il, FuncType type) =>
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, ReturnType(type.Results), ParameterTypes(type), null);

    /// <summary>Turns the results on the stack (in order) into the return value: nested ValueTuple constructors, innermost first.</summary>
    public static void EmitPack(ILGenerator il, ValType[] results)
    {
        if (results.Length < 2)
        {
            return;
        }

        int levels = (results.Length - 1) / 7;
        for (int k = levels; k >= 0; k--)
        {
            var t = TupleType(results, k * 7);
            il.Emit(OpCodes.Newobj, t.GetConstructors()[0]);
        }
    }

    /// <summary>Pushes the results held in the tuple local <paramref name="tuple"/>, in order.</summary>
    public static void EmitUnpack(ILGenerator il, LocalBuilder tuple, ValType[] results)
    {
        for (int j = 0; j < results.Length; j++)
        {
            EmitTupleItem(il, tuple, j);
        }
    }

    /// <summary>Pushes result <paramref name="j"/> of the tuple local <paramref name="tuple"/>.</summary>
    public static void EmitTupleItem(ILGenerator il, LocalBuilder tuple, int j)
    {
        il.Emit(OpCodes.Ldloca, tuple);
        var t = tuple.LocalType;
        for (int k = 0; k < j / 7; k++)
        {
            var rest = t.GetField("Rest")!;
            il.Emit(OpCodes.Ldflda, rest);
            t = rest.FieldType;
        }

        il.Emit(OpCodes.Ldfld, t.GetField("Item" + ((j % 7) + 1))!);
    }

    private static Type TupleType(ValType[] results, int start)
    {
        int n = results.Length - start;
        if (n > 7)
        {
            var args = new Type[8];
            for (int i = 0; i < 7; i++)
            {
                args[i] = Of(results[start + i]);
            }

            args[7] = TupleType(results, start + 7);
            return typeof(ValueTuple<,,,,,,,>).MakeGenericType(args);
        }

        var a = new Type[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = Of(results[start + i]);
        }

        Type open = n switch
        {
            1 => typeof(ValueTuple<>),
            2 => typeof(ValueTuple<,>),
            3 => typeof(ValueTuple<,,>),
            4 => typeof(ValueTuple<,,,>),
            5 => typeof(ValueTuple<,,,,>),
            6 => typeof(ValueTuple<,,,,,>),
            _ => typeof(ValueTuple<,,,,,,>),
        };
        return open.MakeGenericType(a);
    }
}
