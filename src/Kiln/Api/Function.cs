using Kiln.Compiler;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// A WebAssembly function: exported by an instance, or passed around as a <c>funcref</c>. <see cref="Invoke"/> calls
/// it with boxed arguments; <see cref="ModuleInstance.GetFunction{TResult}(string)"/> and its overloads give typed delegates.
/// </summary>
public sealed class Function
{
    private FunctionType? _type;

    internal Function(FunctionInstance inner, StoreHandle store)
    {
        Inner = inner;
        Store = store;
    }

    /// <summary>The function's signature.</summary>
    public FunctionType Type => _type ??= ValueConversion.Signature(Inner.Type);

    internal StoreHandle Store { get; }

    internal FunctionInstance Inner { get; }

    /// <summary>
    /// Calls the function. Arguments are int, long, float, double, Vector128&lt;byte&gt;, a <see cref="Function"/> or
    /// any object for references; the result is null for no results, the value for one, an <c>object?[]</c> for several.
    /// </summary>
    /// <exception cref="TrapException">The guest trapped, or a host function it called threw.</exception>
    public object? Invoke(params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = Inner.Type;
        if (args.Length != type.Params.Length)
        {
            throw new ArgumentException($"{Inner.Name} takes {type.Params.Length} arguments, got {args.Length}", nameof(args));
        }

        var values = new Value[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = ValueConversion.Unbox(args[i], type.Params[i]);
        }

        var results = Call(values);
        return results.Length switch
        {
            0 => null,
            1 => ValueConversion.Box(results[0], Store),
            _ => results.Select(r => ValueConversion.Box(r, Store)).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Inner.Name;

    /// <summary>Bytes of native stack the guest's frames may use in a call from the host (the engine's <see cref="EngineConfig.MaxWasmStack"/>).</summary>
    internal nuint StackBudget => (nuint)Store.Engine.Config.MaxWasmStack;

    /// <summary>Runs the function (inline, or on a guest thread when this one lacks stack); an uncaught Wasm exception becomes a trap.</summary>
    internal Value[] Call(Value[] args)
    {
        Store.ThrowIfDisposed();
        try
        {
            return Invoker.Invoke(Inner, args, StackBudget);
        }
        catch (GuestException e)
        {
            throw Uncaught(e);
        }
    }

    /// <summary>The trap an uncaught Wasm exception becomes when it reaches the host.</summary>
    internal static TrapException Uncaught(GuestException e) => new(TrapKind.HostError, "uncaught wasm exception", e);
}
