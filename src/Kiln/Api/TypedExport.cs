using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// What a typed delegate from <see cref="ModuleInstance.GetFunction{T1, T2, TResult}(string)"/> (and its overloads) is
/// bound to: the export, its instance and store, and its stack budget, read as fields by the delegate's generated
/// method (<see cref="Compiler.TypedInvoker"/>) on every call.
/// </summary>
internal sealed class TypedExport(Function function)
{
    public readonly FunctionInstance Inner = function.Inner;

    public readonly Instance Context = function.Inner.Context;

    public readonly Runtime.Store Store = function.Inner.Context.Store;

    public readonly StoreHandle Handle = function.Store;

    public readonly nuint StackBudget = function.StackBudget;

    /// <summary>The call for a thread without the stack to run it inline: untyped, handed to a guest thread.</summary>
    public Value[] CallOnGuestThread(Value[] args) => function.Call(args);
}
