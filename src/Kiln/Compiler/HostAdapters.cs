using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Guest → host calls: one generated adapter per signature has the calling convention of a compiled function
/// (parameters, then the instance), boxes the arguments into <see cref="Value"/>s, runs the callback of the host
/// function's private instance and unboxes the results.
/// </summary>
internal static class HostAdapters
{
    private static readonly ConcurrentDictionary<string, (DynamicMethod Method, nint Code)> Adapters = new(StringComparer.Ordinal);

    // DynamicMethod hides its handle; the runtime's own accessor gives the entry point calli needs.
    private static readonly MethodInfo GetMethodDescriptor =
        typeof(DynamicMethod).GetMethod("GetMethodDescriptor", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new PlatformNotSupportedException("DynamicMethod.GetMethodDescriptor is missing");

    /// <summary>The adapter entry point for host functions of <paramref name="type"/>.</summary>
    public static nint For(FuncType type) => Adapters.GetOrAdd(Invoker.SignatureKey(type), _ => Build(type)).Code;

    /// <summary>The entry point <c>calli</c> needs for a generated method.</summary>
    public static nint EntryPoint(DynamicMethod method) =>
        ((RuntimeMethodHandle)GetMethodDescriptor.Invoke(method, null)!).GetFunctionPointer();

    /// <summary>Runs the host callback of <paramref name="ctx"/>; failures other than traps become host-error traps.</summary>
    public static Value[] CallHost(Value[] args, Instance ctx)
    {
        var type = ctx.HostType!;
        for (int i = 0; i < args.Length; i++)
        {
            if (type.Params[i].IsRef)
            {
                args[i] = args[i] with { Type = type.Params[i] };
            }
        }

        var results = new Value[type.Results.Length];
        try
        {
            ctx.Host!(args, results);
        }
        catch (Exception e) when (e is not TrapException)
        {
            throw new TrapException(TrapKind.HostError, e.Message, e);
        }

        return results;
    }

    private static (DynamicMethod, nint) Build(FuncType type)
    {
        var dm = new DynamicMethod("kiln:host", ClrTypes.ReturnType(type.Results), ClrTypes.ParameterTypes(type), typeof(HostAdapters).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        var args = il.DeclareLocal(typeof(Value[]));
        il.Emit(OpCodes.Ldc_I4, type.Params.Length);
        il.Emit(OpCodes.Newarr, typeof(Value));
        il.Emit(OpCodes.Stloc, args);
        for (int i = 0; i < type.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, args);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Ldarg, i);
            Invoker.EmitToValue(il, type.Params[i]);
            il.Emit(OpCodes.Stobj, typeof(Value));
        }

        il.Emit(OpCodes.Ldloc, args);
        il.Emit(OpCodes.Ldarg, type.Params.Length);
        il.Emit(OpCodes.Call, typeof(HostAdapters).GetMethod(nameof(CallHost))!);
        var results = il.DeclareLocal(typeof(Value[]));
        il.Emit(OpCodes.Stloc, results);
        for (int j = 0; j < type.Results.Length; j++)
        {
            il.Emit(OpCodes.Ldloc, results);
            il.Emit(OpCodes.Ldc_I4, j);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            Invoker.EmitFromValue(il, type.Results[j]);
        }

        ClrTypes.EmitPack(il, type.Results);
        il.Emit(OpCodes.Ret);
        return (dm, EntryPoint(dm));
    }
}
