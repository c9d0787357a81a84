namespace Kiln;

// One overload per delegate shape, so host functions are plain typed lambdas; the bodies differ only in arity.
public sealed partial class Linker
{
    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction(string module, string name, Action func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [], [], caller => (args, results) => func());
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<TResult>(string module, string name, Func<TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func()));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction(string module, string name, Action<Caller> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [], [], caller => (args, results) => func(caller));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<TResult>(string module, string name, Func<Caller, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1>(string module, string name, Action<T1> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, TResult>(string module, string name, Func<T1, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1>(string module, string name, Action<Caller, T1> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, TResult>(string module, string name, Func<Caller, T1, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2>(string module, string name, Action<T1, T2> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, TResult>(string module, string name, Func<T1, T2, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2>(string module, string name, Action<Caller, T1, T2> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, TResult>(string module, string name, Func<Caller, T1, T2, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3>(string module, string name, Action<T1, T2, T3> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<T1, T2, T3, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3>(string module, string name, Action<Caller, T1, T2, T3> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<Caller, T1, T2, T3, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4>(string module, string name, Action<T1, T2, T3, T4> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, TResult>(string module, string name, Func<T1, T2, T3, T4, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4>(string module, string name, Action<Caller, T1, T2, T3, T4> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5>(string module, string name, Action<T1, T2, T3, T4, T5> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5>(string module, string name, Action<Caller, T1, T2, T3, T4, T5> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6>(string module, string name, Action<T1, T2, T3, T4, T5, T6> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7, T8> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7, T8> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], [], caller => (args, results) => func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store), ValueConversion.To<T10>(args[9], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store), ValueConversion.To<T10>(args[9], caller.Store))));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], [], caller => (args, results) => func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store), ValueConversion.To<T10>(args[9], caller.Store)));
    }

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return DefineHost(module, name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], [ValueConversion.TypeOf<TResult>()], caller => (args, results) => results[0] = ValueConversion.From(func(caller, ValueConversion.To<T1>(args[0], caller.Store), ValueConversion.To<T2>(args[1], caller.Store), ValueConversion.To<T3>(args[2], caller.Store), ValueConversion.To<T4>(args[3], caller.Store), ValueConversion.To<T5>(args[4], caller.Store), ValueConversion.To<T6>(args[5], caller.Store), ValueConversion.To<T7>(args[6], caller.Store), ValueConversion.To<T8>(args[7], caller.Store), ValueConversion.To<T9>(args[8], caller.Store), ValueConversion.To<T10>(args[9], caller.Store))));
    }
}
