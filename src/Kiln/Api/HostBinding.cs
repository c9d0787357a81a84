using Kiln.Binary;
using Kiln.Compiler;
using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// A host function defined from a typed delegate (<see cref="Linker.DefineFunction{T1, T2, TResult}(string, string, Func{T1, T2, TResult})"/>
/// and its overloads), bound to one instance's <see cref="Kiln.Caller"/>. It is the target of the host function's
/// <see cref="Callback"/>; the per-signature adapter compiled code calls finds it there and calls <see cref="Code"/>,
/// which invokes <see cref="Func"/> with the guest's arguments as they are: nothing boxed, nothing allocated per call.
/// </summary>
internal sealed class HostBinding
{
    /// <summary>The user's delegate.</summary>
    public readonly Delegate Func;

    /// <summary>Passed to <see cref="Func"/> when its first parameter is a <see cref="Kiln.Caller"/>.</summary>
    public readonly Caller Caller;

    /// <summary>The adapter for <see cref="Func"/>'s delegate type: the guest's parameters, then this binding (<see cref="HostAdapters.Typed"/>).</summary>
    public readonly nint Code;

    private readonly FuncType _type;

    public HostBinding(Delegate func, Caller caller, FuncType type)
    {
        Func = func;
        Caller = caller;
        _type = type;
        Code = HostAdapters.Typed(func.GetType());
        Callback = Invoke;
    }

    /// <summary>The host function's callback, for <see cref="Instance.Host"/>.</summary>
    public HostCallback Callback { get; }

    // The callback's own Value[] convention, for callers that hold only the callback: the same adapter behind a stub.
    private void Invoke(Value[] args, Value[] results) => Invoker.StubFor(_type, typeof(HostBinding))(this, Code, args, results);
}
