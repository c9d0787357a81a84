namespace Kiln;

// One lookup per delegate shape; the bodies differ only in arity.
public sealed partial class ModuleInstance
{
    /// <summary>The exported function <paramref name="name"/> as a delegate of 0 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action? GetAction(string name) => Bind<Action>(name, [], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 0 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<TResult>? GetFunction<TResult>(string name) => Bind<Func<TResult>>(name, [], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 1 parameter returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1>? GetAction<T1>(string name) => Bind<Action<T1>>(name, [ValueConversion.TypeOf<T1>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 1 parameter returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) => Bind<Func<T1, TResult>>(name, [ValueConversion.TypeOf<T1>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 2 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) => Bind<Action<T1, T2>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 2 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) => Bind<Func<T1, T2, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 3 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name) => Bind<Action<T1, T2, T3>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 3 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) => Bind<Func<T1, T2, T3, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 4 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4>? GetAction<T1, T2, T3, T4>(string name) => Bind<Action<T1, T2, T3, T4>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 4 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name) => Bind<Func<T1, T2, T3, T4, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 5 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5>? GetAction<T1, T2, T3, T4, T5>(string name) => Bind<Action<T1, T2, T3, T4, T5>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 5 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, TResult>? GetFunction<T1, T2, T3, T4, T5, TResult>(string name) => Bind<Func<T1, T2, T3, T4, T5, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 6 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6>? GetAction<T1, T2, T3, T4, T5, T6>(string name) => Bind<Action<T1, T2, T3, T4, T5, T6>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 6 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, TResult>(string name) => Bind<Func<T1, T2, T3, T4, T5, T6, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 7 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7>? GetAction<T1, T2, T3, T4, T5, T6, T7>(string name) => Bind<Action<T1, T2, T3, T4, T5, T6, T7>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 7 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string name) => Bind<Func<T1, T2, T3, T4, T5, T6, T7, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 8 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8>(string name) => Bind<Action<T1, T2, T3, T4, T5, T6, T7, T8>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 8 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string name) => Bind<Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 9 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string name) => Bind<Action<T1, T2, T3, T4, T5, T6, T7, T8, T9>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 9 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string name) => Bind<Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], ValueConversion.ResultTypes<TResult>());

    /// <summary>The exported function <paramref name="name"/> as a delegate of 10 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string name) => Bind<Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], []);

    /// <summary>The exported function <paramref name="name"/> as a delegate of 10 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string name) => Bind<Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>>(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], ValueConversion.ResultTypes<TResult>());
}
