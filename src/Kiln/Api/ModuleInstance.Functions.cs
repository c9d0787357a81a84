namespace Kiln;

// One lookup per delegate shape; the bodies differ only in arity.
public sealed partial class ModuleInstance
{
    /// <summary>The exported function <paramref name="name"/> as a delegate of 0 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action? GetAction(string name)
    {
        var f = Typed(name, [], []);
        if (f is null)
        {
            return null;
        }

        return () => f.Call([]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 0 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<TResult>? GetFunction<TResult>(string name)
    {
        var f = Typed(name, [], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return () => ValueConversion.To<TResult>(f.Call([])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 1 parameter returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1>? GetAction<T1>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1) => f.Call([ValueConversion.From(a1)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 1 parameter returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 2 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 2 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 3 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 3 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 4 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4>? GetAction<T1, T2, T3, T4>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 4 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 5 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5>? GetAction<T1, T2, T3, T4, T5>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4, a5) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 5 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, TResult>? GetFunction<T1, T2, T3, T4, T5, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4, a5) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 6 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6>? GetAction<T1, T2, T3, T4, T5, T6>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4, a5, a6) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 6 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4, a5, a6) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 7 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7>? GetAction<T1, T2, T3, T4, T5, T6, T7>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4, a5, a6, a7) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 7 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4, a5, a6, a7) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 8 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4, a5, a6, a7, a8) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7), ValueConversion.From(a8)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 8 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4, a5, a6, a7, a8) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7), ValueConversion.From(a8)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 9 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8, T9>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4, a5, a6, a7, a8, a9) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7), ValueConversion.From(a8), ValueConversion.From(a9)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 9 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4, a5, a6, a7, a8, a9) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7), ValueConversion.From(a8), ValueConversion.From(a9)])[0], store);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 10 parameters returning nothing; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>? GetAction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], []);
        if (f is null)
        {
            return null;
        }

        return (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) => f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7), ValueConversion.From(a8), ValueConversion.From(a9), ValueConversion.From(a10)]);
    }

    /// <summary>The exported function <paramref name="name"/> as a delegate of 10 parameters returning a value; null when there is no such function, <see cref="InvalidCastException"/> when its signature differs.</summary>
    public Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(string name)
    {
        var f = Typed(name, [ValueConversion.TypeOf<T1>(), ValueConversion.TypeOf<T2>(), ValueConversion.TypeOf<T3>(), ValueConversion.TypeOf<T4>(), ValueConversion.TypeOf<T5>(), ValueConversion.TypeOf<T6>(), ValueConversion.TypeOf<T7>(), ValueConversion.TypeOf<T8>(), ValueConversion.TypeOf<T9>(), ValueConversion.TypeOf<T10>()], [ValueConversion.TypeOf<TResult>()]);
        if (f is null)
        {
            return null;
        }

        var store = Store;
        return (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) => ValueConversion.To<TResult>(f.Call([ValueConversion.From(a1), ValueConversion.From(a2), ValueConversion.From(a3), ValueConversion.From(a4), ValueConversion.From(a5), ValueConversion.From(a6), ValueConversion.From(a7), ValueConversion.From(a8), ValueConversion.From(a9), ValueConversion.From(a10)])[0], store);
    }
}
