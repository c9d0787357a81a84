using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Host → guest typed calls: for each delegate type (<c>Func&lt;int, int, int&gt;</c>, ...) one generated method takes
/// the delegate's parameters, calls the guest function's compiled entry point with <c>calli</c> and returns its result,
/// on the calling thread: no <see cref="Value"/> arrays, no boxing, no closure, nothing allocated for numbers. Bound to a
/// <see cref="TypedExport"/> as the delegate's target. A thread with too little stack left takes the untyped path,
/// which hands the call to a guest thread.
/// </summary>
internal static class TypedInvoker
{
    private static readonly ConcurrentDictionary<Type, DynamicMethod> Thunks = new();

    /// <summary>A delegate of <paramref name="delegateType"/> that calls <paramref name="export"/>; its signature was checked against the export's.</summary>
    public static Delegate Create(Type delegateType, TypedExport export) =>
        Thunks.GetOrAdd(delegateType, static (d, type) => Build(d, type), export.Inner.Type).CreateDelegate(delegateType, export);

    /// <summary>Turns a delegate parameter of <paramref name="clr"/> on the stack into what compiled code takes.</summary>
    public static void EmitToGuest(ILGenerator il, Type clr)
    {
        if (clr == typeof(Function))
        {
            il.Emit(OpCodes.Call, typeof(ValueConversion).GetMethod(nameof(ValueConversion.InnerOf))!);
        }
    }

    /// <summary>Turns what compiled code gives on the stack into <paramref name="clr"/>; funcrefs need the store (<paramref name="loadStore"/>).</summary>
    public static void EmitFromGuest(ILGenerator il, Type clr, Action loadStore)
    {
        if (clr == typeof(Function))
        {
            loadStore();
            il.Emit(OpCodes.Call, typeof(ValueConversion).GetMethod(nameof(ValueConversion.ToFunction))!);
        }
    }

    private static DynamicMethod Build(Type delegateType, FuncType type)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var ret = invoke.ReturnType;
        var dm = new DynamicMethod("kiln:typed", ret, [typeof(TypedExport), .. parameters], typeof(TypedInvoker).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var export = typeof(TypedExport);
        var saved = il.DeclareLocal(typeof(nuint));
        var result = ret == typeof(void) ? null : il.DeclareLocal(ClrTypes.ReturnType(type.Results));
        var slow = il.DefineLabel();

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, export.GetField(nameof(TypedExport.Handle))!);
        il.Emit(OpCodes.Call, typeof(StoreHandle).GetMethod(nameof(StoreHandle.ThrowIfDisposed))!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, export.GetField(nameof(TypedExport.Store))!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, export.GetField(nameof(TypedExport.StackBudget))!);
        il.Emit(OpCodes.Ldloca, saved);
        il.Emit(OpCodes.Call, typeof(GuestThread).GetMethod(nameof(GuestThread.TryEnter))!);
        il.Emit(OpCodes.Brfalse, slow);

        il.BeginExceptionBlock();
        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, i + 1);
            EmitToGuest(il, parameters[i]);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, export.GetField(nameof(TypedExport.Context))!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, export.GetField(nameof(TypedExport.Inner))!);
        il.Emit(OpCodes.Call, typeof(FunctionInstance).GetMethod(nameof(FunctionInstance.Resolve))!);
        ClrTypes.EmitCalli(il, type);
        if (result is not null)
        {
            il.Emit(OpCodes.Stloc, result);
        }

        // An uncaught Wasm exception leaving the guest becomes a trap, as on the untyped path.
        il.BeginCatchBlock(typeof(GuestException));
        il.Emit(OpCodes.Call, typeof(Function).GetMethod(nameof(Function.Uncaught), BindingFlags.NonPublic | BindingFlags.Static)!);
        il.Emit(OpCodes.Throw);
        il.BeginFinallyBlock();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, export.GetField(nameof(TypedExport.Store))!);
        il.Emit(OpCodes.Ldloc, saved);
        il.Emit(OpCodes.Call, typeof(GuestThread).GetMethod(nameof(GuestThread.Exit))!);
        il.EndExceptionBlock();
        if (result is not null)
        {
            il.Emit(OpCodes.Ldloc, result);
            EmitFromGuest(il, ret, () => LoadHandle(il));
        }

        il.Emit(OpCodes.Ret);

        il.MarkLabel(slow);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, parameters.Length);
        il.Emit(OpCodes.Newarr, typeof(Value));
        for (int i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Ldarg, i + 1);
            EmitToGuest(il, parameters[i]);
            Invoker.EmitToValue(il, type.Params[i]);
            il.Emit(OpCodes.Stobj, typeof(Value));
        }

        il.Emit(OpCodes.Call, export.GetMethod(nameof(TypedExport.CallOnGuestThread))!);
        if (result is null)
        {
            il.Emit(OpCodes.Pop);
        }
        else if (type.Results.Length == 1)
        {
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            Invoker.EmitFromValue(il, type.Results[0]);
            EmitFromGuest(il, ret, () => LoadHandle(il));
        }
        else
        {
            // Several results: the delegate returns the same ValueTuple compiled code does (ValueConversion.ResultTypes).
            var values = il.DeclareLocal(typeof(Value[]));
            il.Emit(OpCodes.Stloc, values);
            for (int j = 0; j < type.Results.Length; j++)
            {
                il.Emit(OpCodes.Ldloc, values);
                il.Emit(OpCodes.Ldc_I4, j);
                il.Emit(OpCodes.Ldelema, typeof(Value));
                Invoker.EmitFromValue(il, type.Results[j]);
            }

            ClrTypes.EmitPack(il, type.Results);
        }

        il.Emit(OpCodes.Ret);
        return dm;
    }

    private static void LoadHandle(ILGenerator il)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, typeof(TypedExport).GetField(nameof(TypedExport.Handle))!);
    }
}
