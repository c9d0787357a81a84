using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Text;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Host → guest calls: one generated stub per signature unpacks <see cref="Value"/> arguments, calls the function's
/// entry point with <c>calli</c> and packs the results; the call runs on a guest thread (<see cref="GuestThread"/>).
/// </summary>
internal static class Invoker
{
    private delegate void Entry(FunctionInstance f, Value[] args, Value[] results);

    private static readonly ConcurrentDictionary<string, Entry> Stubs = new(StringComparer.Ordinal);

    public static Value[] Invoke(FunctionInstance f, Value[] args)
    {
        var type = f.Type;
        if (args.Length != type.Params.Length)
        {
            throw new ArgumentException($"expected {type.Params.Length} arguments, got {args.Length}", nameof(args));
        }

        var stub = Stubs.GetOrAdd(SignatureKey(type), _ => Build(type));
        var results = new Value[type.Results.Length];
        GuestThread.Run(f.Context.Store, () => stub(f, args, results));
        for (int i = 0; i < results.Length; i++)
        {
            if (type.Results[i].IsRef)
            {
                results[i] = results[i] with { Type = type.Results[i] };
            }
        }

        return results;
    }

    /// <summary>A reference result before <see cref="Invoke"/> gives it its declared type.</summary>
    public static Value UntypedRef(object? r) => Value.FromRef(ValType.ExternRef, r);

    /// <summary>Signatures with the same CLR shape share stubs and adapters.</summary>
    public static string SignatureKey(FuncType type)
    {
        var sb = new StringBuilder();
        foreach (var p in type.Params)
        {
            sb.Append(Code(p));
        }

        sb.Append("->");
        foreach (var r in type.Results)
        {
            sb.Append(Code(r));
        }

        return sb.ToString();

        static char Code(ValType t) => t.Kind switch
        {
            ValTypeKind.I32 => 'i',
            ValTypeKind.I64 => 'l',
            ValTypeKind.F32 => 'f',
            ValTypeKind.F64 => 'd',
            ValTypeKind.V128 => 'v',
            _ => 'r',
        };
    }

    /// <summary>Pushes the CLR value held in the <see cref="Value"/> at the address on the stack.</summary>
    public static void EmitFromValue(ILGenerator il, ValType t) =>
        il.Emit(OpCodes.Call, typeof(Value).GetProperty(t.Kind switch
        {
            ValTypeKind.I32 => nameof(Value.AsI32),
            ValTypeKind.I64 => nameof(Value.AsI64),
            ValTypeKind.F32 => nameof(Value.AsF32),
            ValTypeKind.F64 => nameof(Value.AsF64),
            ValTypeKind.V128 => nameof(Value.AsV128),
            _ => nameof(Value.Ref),
        })!.GetMethod!);

    /// <summary>Turns the CLR value on the stack into a <see cref="Value"/> (references untyped).</summary>
    public static void EmitToValue(ILGenerator il, ValType t) =>
        il.Emit(OpCodes.Call, t.Kind switch
        {
            ValTypeKind.I32 => typeof(Value).GetMethod(nameof(Value.I32))!,
            ValTypeKind.I64 => typeof(Value).GetMethod(nameof(Value.I64))!,
            ValTypeKind.F32 => typeof(Value).GetMethod(nameof(Value.F32))!,
            ValTypeKind.F64 => typeof(Value).GetMethod(nameof(Value.F64))!,
            ValTypeKind.V128 => typeof(Value).GetMethod(nameof(Value.V128))!,
            _ => typeof(Invoker).GetMethod(nameof(UntypedRef))!,
        });

    private static Entry Build(FuncType type)
    {
        var dm = new DynamicMethod("kiln:entry", typeof(void), [typeof(FunctionInstance), typeof(Value[]), typeof(Value[])], typeof(Invoker).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        for (int i = 0; i < type.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            EmitFromValue(il, type.Params[i]);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, typeof(FunctionInstance).GetField(nameof(FunctionInstance.Context))!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(FunctionInstance).GetMethod(nameof(FunctionInstance.Resolve))!);
        ClrTypes.EmitCalli(il, type);
        StoreResults(il, type.Results, () => il.Emit(OpCodes.Ldarg_2));
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<Entry>();
    }

    /// <summary>Stores the return value on the stack into a Value[] (pushed by <paramref name="loadArray"/>).</summary>
    public static void StoreResults(ILGenerator il, ValType[] results, Action loadArray)
    {
        if (results.Length == 0)
        {
            return;
        }

        var ret = il.DeclareLocal(ClrTypes.ReturnType(results));
        il.Emit(OpCodes.Stloc, ret);
        for (int j = 0; j < results.Length; j++)
        {
            loadArray();
            il.Emit(OpCodes.Ldc_I4, j);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            if (results.Length == 1)
            {
                il.Emit(OpCodes.Ldloc, ret);
            }
            else
            {
                ClrTypes.EmitTupleItem(il, ret, j);
            }

            EmitToValue(il, results[j]);
            il.Emit(OpCodes.Stobj, typeof(Value));
        }
    }
}
