using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// The compiled form of a module, shared by all its instances: canonical type ids and one entry point per defined
/// function, compiled on its first call or by <see cref="CompileAll"/> (a <see cref="DynamicMethod"/> each, collectible
/// with the module), or taken from a persisted assembly (<see cref="ForPersisted"/>).
/// </summary>
internal sealed class CompiledModule
{
    private static readonly ConditionalWeakTable<WasmModule, CompiledModule> Cache = [];

    private readonly MethodInfo?[] _methods;

    /// <summary>Finds a defined function's method in a persisted assembly; null when functions are compiled here.</summary>
    private readonly Func<int, MethodInfo>? _persisted;

    // Built on first use; a race builds it twice, to the same contents.
    private Dictionary<int, string>? _exportNames;

    private CompiledModule(WasmModule module, Func<int, MethodInfo>? persisted)
    {
        Module = module;
        TypeIds = TypeRegistry.Canonicalize(module);
        Code = new nint[module.Functions.Count];
        _methods = new MethodInfo?[module.Functions.Count];
        _persisted = persisted;
    }

    public WasmModule Module { get; }

    /// <summary>Canonical id of each type index.</summary>
    public int[] TypeIds { get; }

    /// <summary>Entry point of each defined function; 0 until compiled.</summary>
    public nint[] Code { get; }

    public static CompiledModule For(WasmModule module) => Cache.GetValue(module, static m => new CompiledModule(m, null));

    /// <summary>
    /// Makes the compiled form of <paramref name="module"/> (not compiled before) use the methods of a persisted assembly,
    /// found by <paramref name="resolve"/> on each function's first call; the resolver keeps the assembly alive.
    /// </summary>
    public static CompiledModule ForPersisted(WasmModule module, Func<int, MethodInfo> resolve)
    {
        var compiled = new CompiledModule(module, resolve);
        Cache.Add(module, compiled);
        return compiled;
    }

    /// <summary>Called by generated code on the first call of a defined function; kept out of line, it is the cold path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static nint CompileFromCall(Instance ctx, int definedIndex) => ctx.Module!.GetCode(ctx, definedIndex);

    /// <summary>The entry point of defined function <paramref name="definedIndex"/>, compiling it if needed.</summary>
    public nint GetCode(Instance ctx, int definedIndex) => Code[definedIndex] is not 0 and var code ? code : Compile(definedIndex);

    /// <summary>
    /// Compiles every function not compiled yet, to IL and on through the .NET JIT to machine code, on all cores, so
    /// that no later call pays for compilation.
    /// </summary>
    public void CompileAll() => Parallel.For(0, Code.Length, i =>
    {
        if (Code[i] == 0)
        {
            Compile(i);
            if (_methods[i] is DynamicMethod dm)
            {
                HostAdapters.Prepare(dm);
            }
            else
            {
                RuntimeHelpers.PrepareMethod(_methods[i]!.MethodHandle);
            }
        }
    });

    // Two threads may compile the same function at once (a first call racing CompileAll); the first method
    // published wins and every caller uses it, the other is dropped.
    private nint Compile(int definedIndex)
    {
        MethodInfo method = _persisted is null ? FunctionCompiler.Compile(this, definedIndex) : _persisted(definedIndex);
        var published = Interlocked.CompareExchange(ref _methods[definedIndex], method, null) ?? method;
        nint code = published is DynamicMethod dm ? HostAdapters.EntryPoint(dm) : published.MethodHandle.GetFunctionPointer();
        Volatile.Write(ref Code[definedIndex], code);
        return code;
    }

    /// <summary>
    /// Display name of function <paramref name="funcIndex"/>: its name-section name, else the name it is exported under
    /// (stripped modules keep their exports), else <c>func[N]</c>.
    /// </summary>
    public string FunctionName(int funcIndex)
    {
        string module = Module.Names?.ModuleName is { } m ? m + "!" : "";
        if (Module.Names is { } names && names.FunctionNames.TryGetValue(funcIndex, out var n))
        {
            return module + n;
        }

        _exportNames ??= ExportNames(Module);
        return module + (_exportNames.TryGetValue(funcIndex, out var export)
            ? export
            : "func[" + funcIndex.ToString(CultureInfo.InvariantCulture) + "]");
    }

    /// <summary>The first name each exported function is exported under.</summary>
    private static Dictionary<int, string> ExportNames(WasmModule module)
    {
        var names = new Dictionary<int, string>();
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function)
            {
                names.TryAdd(export.Index, export.Name);
            }
        }

        return names;
    }
}
