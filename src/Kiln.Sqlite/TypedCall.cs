using System.Linq.Expressions;
using System.Reflection;

namespace Kiln.Sqlite;

/// <summary>
/// Calls an export through the engine's typed delegate (<see cref="ModuleInstance.GetFunction{T1, TResult}(string)"/>
/// and its overloads), which is cheaper per call than the untyped <see cref="Function.Invoke"/>: a small compiled
/// lambda unboxes the arguments SQL values were converted to, calls the delegate and boxes the result.
/// </summary>
internal static class TypedCall
{
    private static readonly MethodInfo[] GetFunctionByArity = typeof(ModuleInstance).GetMethods()
        .Where(m => m.Name == nameof(ModuleInstance.GetFunction) && m.IsGenericMethodDefinition)
        .OrderBy(m => m.GetGenericArguments().Length)
        .ToArray();

    /// <summary>
    /// A caller for the export <paramref name="name"/> of <paramref name="instance"/> with the given Wasm types, or null
    /// when the engine has no typed delegate of that arity (the untyped path is used then).
    /// </summary>
    public static Func<object?[], object?>? Create(ModuleInstance instance, string name, ValueKind[] parameters, ValueKind result)
    {
        var method = GetFunctionByArity.FirstOrDefault(m => m.GetGenericArguments().Length == parameters.Length + 1);
        if (method is null)
        {
            return null;
        }

        var types = parameters.Append(result).Select(ClrType).ToArray();
        var typed = (Delegate)method.MakeGenericMethod(types).Invoke(instance, [name])!;
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Invoke(
            Expression.Constant(typed),
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), types[i])));
        return Expression.Lambda<Func<object?[], object?>>(Expression.Convert(call, typeof(object)), args).Compile();
    }

    private static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => typeof(int),
        ValueKind.Int64 => typeof(long),
        ValueKind.Float32 => typeof(float),
        _ => typeof(double),
    };
}
