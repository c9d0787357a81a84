using Kiln.Binary;
using Kiln.Text;
using Kiln.Compiler;
using Kiln.Runtime;
using Kiln.Validation;
using Kiln.Wast;

namespace Kiln.Tests.Persisted;

/// <summary>
/// Runs spec scripts on persisted code: each module is encoded, compiled into a persisted assembly, then decoded again
/// and given the loaded assembly's code, as <see cref="Module.Deserialize(Engine, byte[], string)"/> does in a new process.
/// </summary>
internal sealed class PersistedWastExecutor : IWastExecutor
{
    private readonly KilnWastExecutor _inner = new();

    /// <summary>Modules that ran persisted code.</summary>
    public int Persisted { get; private set; }

    /// <summary>Modules whose code could not be persisted (GC instructions) and ran as usual instead.</summary>
    public int NotPersisted { get; private set; }

    public object Instantiate(WasmModule module, IReadOnlyList<WastExtern> imports)
    {
        byte[] binary = ModuleWriter.Write(module);
        var compiledHere = ModuleValidator.Validate(ModuleReader.Decode(binary)).Module;
        FunctionCompiler.UseChecks(compiledHere, consumeFuel: false, epochInterruption: true);
        PersistedImage image;
        try
        {
            var (assembly, firstToken) = PersistedLoader.Compile(CompiledModule.For(compiledHere));
            image = new PersistedImage(false, true, module.Start, firstToken, binary, assembly);
        }
        catch (NotSupportedException)
        {
            NotPersisted++;
            return _inner.Instantiate(module, imports);
        }

        var loaded = PersistedImage.Read(image.Write());
        var fresh = ModuleValidator.Validate(ModuleReader.Decode(loaded.Wasm.ToArray())).Module;
        FunctionCompiler.UseChecks(fresh, loaded.ConsumeFuel, loaded.EpochInterruption);
        PersistedLoader.Load(fresh, loaded);
        Persisted++;
        return _inner.Instantiate(fresh, imports);
    }

    public WastValue[] Invoke(object instance, string name, WastValue[] args) => _inner.Invoke(instance, name, args);

    public WastValue Get(object instance, string name) => _inner.Get(instance, name);

    public ulong? CurrentSize(object instance, string name) => _inner.CurrentSize(instance, name);
}
