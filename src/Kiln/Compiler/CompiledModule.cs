using System.Globalization;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// The compiled form of a module, shared by all its instances: canonical type ids and one entry point per defined
/// function, compiled on first call (a <see cref="DynamicMethod"/> each, collectible with the module).
/// </summary>
internal sealed class CompiledModule
{
    private static readonly ConditionalWeakTable<WasmModule, CompiledModule> Cache = [];

    private readonly DynamicMethod?[] _methods;
    private readonly Lock _gate = new();

    private CompiledModule(WasmModule module)
    {
        Module = module;
        TypeIds = TypeRegistry.Canonicalize(module);
        Code = new nint[module.Functions.Count];
        _methods = new DynamicMethod?[module.Functions.Count];
    }

    public WasmModule Module { get; }

    /// <summary>Canonical id of each type index.</summary>
    public int[] TypeIds { get; }

    /// <summary>Entry point of each defined function; 0 until compiled.</summary>
    public nint[] Code { get; }

    public static CompiledModule For(WasmModule module) => Cache.GetValue(module, static m => new CompiledModule(m));

    /// <summary>Called by generated code on the first call of a defined function.</summary>
    public static nint CompileFromCall(Instance ctx, int definedIndex) => ctx.Module!.GetCode(ctx, definedIndex);

    /// <summary>The entry point of defined function <paramref name="definedIndex"/>, compiling it if needed.</summary>
    public nint GetCode(Instance ctx, int definedIndex)
    {
        nint code = Code[definedIndex];
        if (code != 0)
        {
            return code;
        }

        lock (_gate)
        {
            code = Code[definedIndex];
            if (code == 0)
            {
                var method = FunctionCompiler.Compile(this, definedIndex);
                _methods[definedIndex] = method;
                code = HostAdapters.EntryPoint(method);
                Code[definedIndex] = code;
            }

            return code;
        }
    }

    /// <summary>Display name of function <paramref name="funcIndex"/>: its name-section name, else <c>func[N]</c>.</summary>
    public string FunctionName(int funcIndex)
    {
        string module = Module.Names?.ModuleName is { } m ? m + "!" : "";
        return Module.Names is { } names && names.FunctionNames.TryGetValue(funcIndex, out var n)
            ? module + n
            : module + "func[" + funcIndex.ToString(CultureInfo.InvariantCulture) + "]";
    }
}
