using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// Converts between .NET values and the runtime's <see cref="Value"/>. The generic members test <c>typeof(T)</c>,
/// which the JIT folds per instantiation, so typed calls neither box nor branch at run time.
/// </summary>
internal static class ValueConversion
{
    /// <summary>True when <typeparamref name="T"/> can cross the boundary as a Wasm value.</summary>
    public static bool IsSupported<T>() =>
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(float) || typeof(T) == typeof(double)
        || typeof(T) == typeof(Vector128<byte>) || typeof(T) == typeof(object) || typeof(T) == typeof(Function);

    /// <summary>The Wasm type a host parameter or result of type <typeparamref name="T"/> has.</summary>
    public static ValType TypeOf<T>()
    {
        if (typeof(T) == typeof(int))
        {
            return ValType.I32;
        }

        if (typeof(T) == typeof(long))
        {
            return ValType.I64;
        }

        if (typeof(T) == typeof(float))
        {
            return ValType.F32;
        }

        if (typeof(T) == typeof(double))
        {
            return ValType.F64;
        }

        if (typeof(T) == typeof(Vector128<byte>))
        {
            return ValType.V128;
        }

        if (typeof(T) == typeof(object))
        {
            return ValType.ExternRef;
        }

        if (typeof(T) == typeof(Function))
        {
            return ValType.FuncRef;
        }

        throw new NotSupportedException($"{typeof(T)} is not a WebAssembly value type (use int, long, float, double, Vector128<byte>, object for externref, or Function for funcref)");
    }

    /// <summary>
    /// The Wasm results a delegate's <typeparamref name="T"/> stands for: a <see cref="ValueTuple"/> of two or more
    /// value types (nested through <c>Rest</c> past seven, as C# tuples are) gives one result per item, which is the
    /// shape compiled code returns several results in; any other type gives one result.
    /// </summary>
    public static ValType[] ResultTypes<T>() => IsTuple(typeof(T)) ? [.. TupleItems(typeof(T))] : [TypeOf<T>()];

    /// <summary>True when a value of CLR type <typeparamref name="T"/> fits Wasm type <paramref name="type"/>.</summary>
    public static bool Fits<T>(ValType type)
    {
        if (!IsSupported<T>())
        {
            return false;
        }

        var mine = TypeOf<T>();
        return type.IsRef ? mine.IsRef && Kind(type) == Kind(mine) : mine.Kind == type.Kind;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value From<T>(T value)
    {
        if (typeof(T) == typeof(int))
        {
            return Value.I32(Unsafe.As<T, int>(ref value));
        }

        if (typeof(T) == typeof(long))
        {
            return Value.I64(Unsafe.As<T, long>(ref value));
        }

        if (typeof(T) == typeof(float))
        {
            return Value.F32Bits(BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref value)));
        }

        if (typeof(T) == typeof(double))
        {
            return Value.F64Bits(BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref value)));
        }

        if (typeof(T) == typeof(Vector128<byte>))
        {
            return Value.V128(Unsafe.As<T, Vector128<byte>>(ref value));
        }

        if (typeof(T) == typeof(Function))
        {
            return Value.FromRef(ValType.FuncRef, (value as Function)?.Inner);
        }

        return Value.FromRef(ValType.ExternRef, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T To<T>(in Value value, StoreHandle store)
    {
        if (typeof(T) == typeof(int))
        {
            int v = value.AsI32;
            return Unsafe.As<int, T>(ref v);
        }

        if (typeof(T) == typeof(long))
        {
            long v = value.AsI64;
            return Unsafe.As<long, T>(ref v);
        }

        if (typeof(T) == typeof(float))
        {
            float v = BitConverter.UInt32BitsToSingle((uint)value.Bits);
            return Unsafe.As<float, T>(ref v);
        }

        if (typeof(T) == typeof(double))
        {
            double v = BitConverter.UInt64BitsToDouble(value.Bits);
            return Unsafe.As<double, T>(ref v);
        }

        if (typeof(T) == typeof(Vector128<byte>))
        {
            var v = value.AsV128;
            return Unsafe.As<Vector128<byte>, T>(ref v);
        }

        return (T)Box(value, store)!;
    }

    /// <summary>A funcref argument of a typed delegate as compiled code takes it.</summary>
    public static object? InnerOf(Function? function) => function?.Inner;

    /// <summary>A funcref compiled code gave, as a typed delegate returns it.</summary>
    public static Function? ToFunction(object? reference, StoreHandle store) =>
        reference is FunctionInstance f ? new Function(f, store) : null;

    /// <summary>A value as a .NET object: int, long, float, double, Vector128&lt;byte&gt;, a <see cref="Function"/>, or the reference itself.</summary>
    public static object? Box(in Value value, StoreHandle store) => value.Type.Kind switch
    {
        ValTypeKind.I32 => value.AsI32,
        ValTypeKind.I64 => value.AsI64,
        ValTypeKind.F32 => BitConverter.UInt32BitsToSingle((uint)value.Bits),
        ValTypeKind.F64 => BitConverter.UInt64BitsToDouble(value.Bits),
        ValTypeKind.V128 => value.AsV128,
        _ => value.Ref is FunctionInstance f ? new Function(f, store) : value.Ref,
    };

    /// <summary>A .NET object as a value of <paramref name="type"/>; throws <see cref="ArgumentException"/> when it does not fit.</summary>
    public static Value Unbox(object? value, ValType type) => (type.Kind, value) switch
    {
        (ValTypeKind.I32, int v) => Value.I32(v),
        (ValTypeKind.I32, uint v) => Value.I32((int)v),
        (ValTypeKind.I64, long v) => Value.I64(v),
        (ValTypeKind.I64, ulong v) => Value.I64((long)v),
        (ValTypeKind.I64, int v) => Value.I64(v),
        (ValTypeKind.F32, float v) => Value.F32Bits(BitConverter.SingleToUInt32Bits(v)),
        (ValTypeKind.F64, double v) => Value.F64Bits(BitConverter.DoubleToUInt64Bits(v)),
        (ValTypeKind.F64, float v) => Value.F64(v),
        (ValTypeKind.V128, Vector128<byte> v) => Value.V128(v),
        (ValTypeKind.Ref, Function f) => Value.FromRef(type, f.Inner),
        (ValTypeKind.Ref, null) => Value.FromRef(type, null),
        (ValTypeKind.Ref, _) when Kind(type) != ValueKind.FuncRef => Value.FromRef(type, value),
        _ => throw new ArgumentException($"{value?.GetType().Name ?? "null"} is not a valid {type} value"),
    };

    public static ValueKind Kind(ValType type) => type.Kind switch
    {
        ValTypeKind.I32 => ValueKind.Int32,
        ValTypeKind.I64 => ValueKind.Int64,
        ValTypeKind.F32 => ValueKind.Float32,
        ValTypeKind.F64 => ValueKind.Float64,
        ValTypeKind.V128 => ValueKind.V128,
        _ => type.Heap.Kind switch
        {
            HeapKind.Func or HeapKind.NoFunc or HeapKind.Concrete => ValueKind.FuncRef,
            HeapKind.Extern or HeapKind.NoExtern => ValueKind.ExternRef,
            _ => ValueKind.AnyRef,
        },
    };

    public static ValType TypeOf(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => ValType.I32,
        ValueKind.Int64 => ValType.I64,
        ValueKind.Float32 => ValType.F32,
        ValueKind.Float64 => ValType.F64,
        ValueKind.V128 => ValType.V128,
        ValueKind.FuncRef => ValType.FuncRef,
        ValueKind.ExternRef => ValType.ExternRef,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no concrete Wasm type for this kind"),
    };

    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => "anyref",
    };

    public static FunctionType Signature(FuncType type) =>
        new([.. type.Params.Select(Kind)], [.. type.Results.Select(Kind)]);

    private static bool IsTuple(Type t) =>
        t.IsGenericType && t.GetGenericArguments().Length >= 2 && t.GetGenericTypeDefinition().FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    private static IEnumerable<ValType> TupleItems(Type tuple)
    {
        var items = tuple.GetGenericArguments();
        for (int i = 0; i < items.Length; i++)
        {
            if (i == 7)
            {
                foreach (var rest in IsTuple(items[i]) ? TupleItems(items[i]) : [ItemType(items[i].GetGenericArguments()[0])])
                {
                    yield return rest;
                }
            }
            else
            {
                yield return ItemType(items[i]);
            }
        }
    }

    // Items are passed as compiled code holds them, so only types it holds as themselves qualify (not Function).
    private static ValType ItemType(Type t) =>
        t == typeof(int) ? ValType.I32
        : t == typeof(long) ? ValType.I64
        : t == typeof(float) ? ValType.F32
        : t == typeof(double) ? ValType.F64
        : t == typeof(Vector128<byte>) ? ValType.V128
        : t == typeof(object) ? ValType.ExternRef
        : throw new NotSupportedException($"{t} cannot be an item of a multi-value result (use int, long, float, double, Vector128<byte> or object; a funcref result needs Function.Invoke)");
}
