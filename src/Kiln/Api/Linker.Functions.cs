using Kiln.Binary;
using Kiln.Compiler;

namespace Kiln;

// One overload per delegate shape, so host functions are plain typed lambdas; the bodies differ only in arity.
public sealed partial class Linker
{
    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction(string module, string name, Action func) => DefineTyped(module, name, func, [], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<TResult>(string module, string name, Func<TResult> func) => DefineTyped(module, name, func, [], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction(string module, string name, Action<Caller> func) => DefineTyped(module, name, func, [], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 0 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<TResult>(string module, string name, Func<Caller, TResult> func) => DefineTyped(module, name, func, [], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1>(string module, string name, Action<T1> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, TResult>(string module, string name, Func<T1, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1>(string module, string name, Action<Caller, T1> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 1 parameter and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, TResult>(string module, string name, Func<Caller, T1, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2>(string module, string name, Action<T1, T2> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, TResult>(string module, string name, Func<T1, T2, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2>(string module, string name, Action<Caller, T1, T2> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 2 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, TResult>(string module, string name, Func<Caller, T1, T2, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3>(string module, string name, Action<T1, T2, T3> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<T1, T2, T3, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3>(string module, string name, Action<Caller, T1, T2, T3> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 3 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<Caller, T1, T2, T3, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4>(string module, string name, Action<T1, T2, T3, T4> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, TResult>(string module, string name, Func<T1, T2, T3, T4, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4>(string module, string name, Action<Caller, T1, T2, T3, T4> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 4 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5>(string module, string name, Action<T1, T2, T3, T4, T5> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5>(string module, string name, Action<Caller, T1, T2, T3, T4, T5> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 5 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6>(string module, string name, Action<T1, T2, T3, T4, T5, T6> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 6 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 7 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7, T8> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7, T8> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 8 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 9 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string module, string name, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string module, string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters and the <see cref="Caller"/> first, returning nothing; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string module, string name, Action<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], []);

    /// <summary>Defines <paramref name="module"/>::<paramref name="name"/> as a host function of 10 parameters and the <see cref="Caller"/> first, returning a value; the Wasm signature follows the delegate's types.</summary>
    public Linker DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string module, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> func) => DefineTyped(module, name, func, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>
    /// Defines a host function whose guest calls invoke <paramref name="func"/> directly through a generated adapter for
    /// its delegate type (<see cref="HostBinding"/>): no <c>Value</c> arrays, no boxing, nothing allocated per call.
    /// </summary>
    private Linker DefineTyped(string module, string name, Delegate func, ValType[] parameters, ValType[] results)
    {
        ArgumentNullException.ThrowIfNull(func);
        var type = new FuncType(parameters, results);
        // Build the adapter now, so a delegate the engine cannot call fails here rather than at instantiation.
        HostAdapters.Typed(func.GetType());
        return DefineHost(module, name, parameters, results, caller => new HostBinding(func, caller, type).Callback);
    }
}
