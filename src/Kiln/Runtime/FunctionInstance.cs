using System.Runtime.CompilerServices;
using Kiln.Binary;
using Kiln.Compiler;

namespace Kiln.Runtime;

/// <summary>
/// A function value (what a funcref points to): the code entry point and the instance passed as its last argument.
/// Generated code calls it as <c>calli(args..., Context)</c> through <see cref="Code"/>, which is 0 until the function is
/// first needed and then compiled (<see cref="Resolve"/>). Host functions use a shared per-signature adapter as code and
/// a private <see cref="Instance"/> that carries the callback.
/// </summary>
internal sealed class FunctionInstance
{
    /// <summary>Entry point of the compiled method; 0 until <see cref="Resolve"/> compiled it.</summary>
    public nint Code;

    /// <summary>Instance passed as the method's last argument.</summary>
    public readonly Instance Context;

    /// <summary>Canonical id of the function's type (see <see cref="TypeRegistry"/>).</summary>
    public readonly int TypeId;

    private readonly CompiledModule? _module;
    private readonly int _definedIndex;

    /// <summary>A function defined by a module, compiled lazily.</summary>
    public FunctionInstance(Instance context, CompiledModule module, int definedIndex, FuncType type, int typeId, string name)
    {
        Context = context;
        _module = module;
        _definedIndex = definedIndex;
        Type = type;
        TypeId = typeId;
        Name = name;
    }

    /// <summary>A host function.</summary>
    public FunctionInstance(Store store, FuncType type, HostCallback callback, string name)
    {
        Context = new Instance(store) { Host = callback, HostType = type };
        Type = type;
        TypeId = TypeRegistry.OfFuncType(type);
        Name = name;
        Code = HostAdapters.For(type);
    }

    public FuncType Type { get; }

    /// <summary>Display name for traces.</summary>
    public string Name { get; }

    /// <summary>The entry point, compiling the function on first use.</summary>
    public nint Resolve()
    {
        nint code = Code;
        if (code == 0)
        {
            code = _module!.GetCode(Context, _definedIndex);
            Code = code;
        }

        return code;
    }

    /// <summary>Called by generated code when <see cref="Code"/> is still 0; kept out of line, it is the cold path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static nint ResolveSlow(FunctionInstance f) => f.Resolve();

    public override string ToString() => Name;
}
