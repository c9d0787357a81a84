using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Guest → host calls. A host function's code is the adapter of its signature (<see cref="For"/>), which has the calling
/// convention of a compiled function (parameters, then the instance). When the host function was defined from a typed
/// delegate (its callback's target is a <see cref="HostBinding"/>), the adapter passes the arguments on unchanged to the
/// binding's delegate-specific adapter (<see cref="Typed"/>), which invokes the delegate; otherwise it boxes them into
/// <see cref="Value"/>s for the callback. Failures other than traps become host-error traps either way.
/// </summary>
internal static class HostAdapters
{
    private static readonly ConcurrentDictionary<string, (DynamicMethod Method, nint Code)> Adapters = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<Type, (DynamicMethod Method, nint Code)> TypedAdapters = new();

    private static readonly ConditionalWeakTable<FuncType, StrongBox<nint>> AdapterOf = [];

    // DynamicMethod hides its handle; the runtime's own accessor gives the entry point calli needs.
    private static readonly MethodInfo GetMethodDescriptor =
        typeof(DynamicMethod).GetMethod("GetMethodDescriptor", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new PlatformNotSupportedException("DynamicMethod.GetMethodDescriptor is missing");

    /// <summary>The adapter entry point for host functions of <paramref name="type"/>.</summary>
    /// <remarks>
    /// Remembered per <see cref="FuncType"/> object too: a linker creates a host function per instance from the same
    /// signature object, and the signature key is a string built each time.
    /// </remarks>
    public static nint For(FuncType type) =>
        AdapterOf.GetValue(type, static t => new StrongBox<nint>(Adapters.GetOrAdd(Invoker.SignatureKey(t), static (_, t) => Build(t), t).Code)).Value;

    /// <summary>
    /// The adapter entry point for host delegates of <paramref name="delegateType"/> (a <c>Func</c> or <c>Action</c> of
    /// Wasm value types, optionally with a <see cref="Caller"/> first): the guest's parameters, then the <see cref="HostBinding"/>.
    /// </summary>
    public static nint Typed(Type delegateType) => TypedAdapters.GetOrAdd(delegateType, BuildTyped).Code;

    /// <summary>The entry point <c>calli</c> needs for a generated method.</summary>
    public static nint EntryPoint(DynamicMethod method) =>
        ((RuntimeMethodHandle)GetMethodDescriptor.Invoke(method, null)!).GetFunctionPointer();

    /// <summary>Runs the .NET JIT on a generated method now rather than at its first call.</summary>
    public static void Prepare(DynamicMethod method) =>
        RuntimeHelpers.PrepareMethod((RuntimeMethodHandle)GetMethodDescriptor.Invoke(method, null)!);

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
            throw HostError(e);
        }

        return results;
    }

    /// <summary>The trap a host function's exception becomes; the exception is its inner exception.</summary>
    public static TrapException HostError(Exception e) => new(TrapKind.HostError, e.Message, e);

    private static (DynamicMethod, nint) Build(FuncType type)
    {
        var dm = new DynamicMethod("kiln:host", ClrTypes.ReturnType(type.Results), ClrTypes.ParameterTypes(type), typeof(HostAdapters).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        int ctx = type.Params.Length;

        var binding = il.DeclareLocal(typeof(HostBinding));
        var boxed = il.DefineLabel();
        il.Emit(OpCodes.Ldarg, ctx);
        il.Emit(OpCodes.Ldfld, typeof(Instance).GetField(nameof(Instance.Host))!);
        il.Emit(OpCodes.Callvirt, typeof(Delegate).GetProperty(nameof(Delegate.Target))!.GetMethod!);
        il.Emit(OpCodes.Isinst, typeof(HostBinding));
        il.Emit(OpCodes.Stloc, binding);
        il.Emit(OpCodes.Ldloc, binding);
        il.Emit(OpCodes.Brfalse, boxed);
        for (int i = 0; i < type.Params.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, i);
        }

        il.Emit(OpCodes.Ldloc, binding);
        il.Emit(OpCodes.Ldloc, binding);
        il.Emit(OpCodes.Ldfld, typeof(HostBinding).GetField(nameof(HostBinding.Code))!);
        var typedParameters = ClrTypes.ParameterTypes(type);
        typedParameters[^1] = typeof(HostBinding);
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, ClrTypes.ReturnType(type.Results), typedParameters, null);
        il.Emit(OpCodes.Ret);

        il.MarkLabel(boxed);
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
        il.Emit(OpCodes.Ldarg, ctx);
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

    private static (DynamicMethod, nint) BuildTyped(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        bool withCaller = parameters.Length > 0 && parameters[0] == typeof(Caller);
        var wasmParameters = withCaller ? parameters[1..] : parameters;
        var ret = invoke.ReturnType;
        Type[] adapterParameters = [.. wasmParameters.Select(Compiled), typeof(HostBinding)];
        var dm = new DynamicMethod("kiln:host-typed", Compiled(ret), adapterParameters, typeof(HostAdapters).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        int bindingArg = wasmParameters.Length;
        var result = ret == typeof(void) ? null : il.DeclareLocal(Compiled(ret));

        il.BeginExceptionBlock();
        il.Emit(OpCodes.Ldarg, bindingArg);
        il.Emit(OpCodes.Ldfld, typeof(HostBinding).GetField(nameof(HostBinding.Func))!);
        il.Emit(OpCodes.Castclass, delegateType);
        if (withCaller)
        {
            LoadCaller();
        }

        for (int i = 0; i < wasmParameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, i);
            TypedInvoker.EmitFromGuest(il, wasmParameters[i], () =>
            {
                LoadCaller();
                il.Emit(OpCodes.Call, typeof(Caller).GetProperty(nameof(Caller.Store), BindingFlags.NonPublic | BindingFlags.Instance)!.GetMethod!);
            });
        }

        il.Emit(OpCodes.Callvirt, invoke);
        if (result is not null)
        {
            TypedInvoker.EmitToGuest(il, ret);
            il.Emit(OpCodes.Stloc, result);
        }

        // Traps (from a nested guest call) pass unfiltered, so deep reentrancy unwinds in one pass; anything else
        // becomes a host-error trap carrying it.
        il.BeginExceptFilterBlock();
        il.Emit(OpCodes.Isinst, typeof(TrapException));
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ceq);
        il.BeginCatchBlock(null);
        il.Emit(OpCodes.Call, typeof(HostAdapters).GetMethod(nameof(HostError))!);
        il.Emit(OpCodes.Throw);
        il.EndExceptionBlock();
        if (result is not null)
        {
            il.Emit(OpCodes.Ldloc, result);
        }

        il.Emit(OpCodes.Ret);
        return (dm, EntryPoint(dm));

        void LoadCaller()
        {
            il.Emit(OpCodes.Ldarg, bindingArg);
            il.Emit(OpCodes.Ldfld, typeof(HostBinding).GetField(nameof(HostBinding.Caller))!);
        }
    }

    /// <summary>How compiled code passes a value of a delegate's <paramref name="clr"/> type: funcrefs as plain objects.</summary>
    private static Type Compiled(Type clr) => clr == typeof(Function) ? typeof(object) : clr;
}
