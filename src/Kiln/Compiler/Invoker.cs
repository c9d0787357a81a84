using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Text;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Untyped host → guest calls: one generated stub per signature unpacks <see cref="Value"/> arguments, calls an entry
/// point with <c>calli</c> and packs the results; the call runs inline or on a worker (<see cref="GuestThread"/>).
/// Typed delegates skip the <see cref="Value"/>s: see <see cref="TypedInvoker"/>.
/// </summary>
internal static class Invoker
{
    /// <summary>Calls <paramref name="code"/> with the arguments in <paramref name="args"/>, then <paramref name="context"/>; fills <paramref name="results"/>.</summary>
    public delegate void Entry(object context, nint code, Value[] args, Value[] results);

    private static readonly ConcurrentDictionary<(string, Type), Entry> Stubs = new();

    /// <summary>Calls <paramref name="f"/> with the default stack budget (<see cref="GuestThread.GuestStack"/>).</summary>
    public static Value[] Invoke(FunctionInstance f, Value[] args) => Invoke(f, args, GuestThread.GuestStack);

    /// <summary>Calls <paramref name="f"/>, letting its frames use <paramref name="stackBudget"/> bytes of stack.</summary>
    public static Value[] Invoke(FunctionInstance f, Value[] args, nuint stackBudget)
    {
        var type = f.Type;
        if (args.Length != type.Params.Length)
        {
            throw new ArgumentException($"expected {type.Params.Length} arguments, got {args.Length}", nameof(args));
        }

        var stub = StubFor(type, typeof(Instance));
        var results = new Value[type.Results.Length];
        var store = f.Context.Store;
        if (GuestThread.TryEnter(store, stackBudget, out nuint saved))
        {
            try
            {
                stub(f.Context, f.Resolve(), args, results);
            }
            finally
            {
                GuestThread.Exit(store, saved);
            }
        }
        else
        {
            GuestThread.Handoff(store, stackBudget, () => stub(f.Context, f.Resolve(), args, results));
        }

        for (int i = 0; i < results.Length; i++)
        {
            if (type.Results[i].IsRef)
            {
                results[i] = results[i] with { Type = type.Results[i] };
            }
        }

        return results;
    }

    /// <summary>
    /// The stub for functions of <paramref name="type"/> whose last parameter (the context) has CLR type
    /// <paramref name="contextType"/>: <see cref="Instance"/> for compiled functions, another for host adapters.
    /// </summary>
    public static Entry StubFor(FuncType type, Type contextType) =>
        Stubs.GetOrAdd((SignatureKey(type), contextType), static (key, t) => Build(t, key.Item2), type);

    /// <summary>A reference result before <see cref="Invoke(FunctionInstance, Value[], nuint)"/> gives it its declared type.</summary>
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

    private static Entry Build(FuncType type, Type contextType)
    {
        var dm = new DynamicMethod("kiln:entry", typeof(void), [typeof(object), typeof(nint), typeof(Value[]), typeof(Value[])], typeof(Invoker).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        for (int i = 0; i < type.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            EmitFromValue(il, type.Params[i]);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, contextType);
        il.Emit(OpCodes.Ldarg_1);
        var parameters = ClrTypes.ParameterTypes(type);
        parameters[^1] = contextType;
        il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, ClrTypes.ReturnType(type.Results), parameters, null);
        StoreResults(il, type.Results, () => il.Emit(OpCodes.Ldarg_3));
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
