using Kiln.Binary;
using Kiln.Compiler;
using Kiln.Text;
using Kiln.Validation;

namespace Kiln;

/// <summary>
/// A decoded and validated WebAssembly module, ready to instantiate. Immutable: share it across threads and stores;
/// its functions are compiled on first call and the compiled code is shared by all its instances.
/// </summary>
public sealed class Module
{
    private IReadOnlyList<ModuleImport>? _imports;
    private IReadOnlyList<ModuleExport>? _exports;

    /// <summary>The binary the module was decoded from (its code bodies point into it); null for a text module.</summary>
    private readonly byte[]? _binary;

    private Module(Engine engine, WasmModule inner, string name, byte[]? binary = null)
    {
        Engine = engine;
        Inner = inner;
        Name = name;
        _binary = binary;

        // The linker runs the start function itself, once the instance exists, so that host functions it calls
        // see their caller's exports. The decoded model is this module's own, so taking the start out is safe.
        Start = inner.Start;
        inner.Start = null;
    }

    /// <summary>The engine the module was loaded with.</summary>
    public Engine Engine { get; }

    /// <summary>A display name: the file name, or what the caller passed.</summary>
    public string Name { get; }

    /// <summary>What the module imports, in order.</summary>
    public IReadOnlyList<ModuleImport> Imports => _imports ??= [.. Inner.Imports.Select(i => new ModuleImport(i.Module, i.Name, ImportType(i)))];

    /// <summary>What the module exports, in order.</summary>
    public IReadOnlyList<ModuleExport> Exports => _exports ??= [.. Inner.Exports.Select(e => new ModuleExport(e.Name, ExportType(e)))];

    internal WasmModule Inner { get; }

    /// <summary>The start function's index, run by <see cref="Linker.Instantiate{T}"/> after the instance is set up.</summary>
    internal int? Start { get; }

    /// <summary>Decodes and validates a binary module.</summary>
    /// <exception cref="WasmDecodeException">The bytes are not a well-formed module.</exception>
    /// <exception cref="WasmValidationException">The module is not valid.</exception>
    public static Module FromBytes(Engine engine, ReadOnlySpan<byte> bytes, string name = "module")
    {
        ArgumentNullException.ThrowIfNull(engine);
        return FromOwnedBytes(engine, bytes.ToArray(), name);
    }

    /// <summary>Decodes and validates <paramref name="binary"/>, which the module keeps: the caller must not change it.</summary>
    private static Module FromOwnedBytes(Engine engine, byte[] binary, string name)
    {
        var module = ModuleReader.Decode(binary, engine.Config.CustomPageSizes);
        ModuleValidator.Validate(module);
        return new Module(engine, module, name, binary);
    }

    /// <summary>Parses and validates a module in WebAssembly text format (<c>(module ...)</c>).</summary>
    /// <exception cref="WatParseException">The text is not a well-formed module.</exception>
    /// <exception cref="WasmValidationException">The module is not valid.</exception>
    public static Module FromText(Engine engine, string text, string name = "module")
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(text);
        var module = WatParser.ParseModule(text);
        ModuleValidator.Validate(module);
        return new Module(engine, module, name);
    }

    /// <summary>Loads a <c>.wasm</c> or <c>.wat</c> file; which one is told by its first bytes (<c>\0asm</c>), not its name.</summary>
    /// <exception cref="WasmDecodeException">The file is not a well-formed module, or is a compiled <c>.kiln</c> module (load those with <see cref="DeserializeFile"/>).</exception>
    public static Module FromFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var bytes = File.ReadAllBytes(path);
        string name = Path.GetFileName(path);
        if (IsBinary(bytes))
        {
            // The array read here is the module's own: no copy of what may be tens of megabytes.
            return FromOwnedBytes(engine, bytes, name);
        }

        if (PersistedImage.IsImage(bytes))
        {
            // Compiled code runs with the host's rights, so it is never loaded where a Wasm module was expected.
            throw new WasmDecodeException("a compiled .kiln module, not a Wasm module: load it with Module.DeserializeFile", 0, null);
        }

        var module = WatParser.ParseModule(bytes);
        ModuleValidator.Validate(module);
        return new Module(engine, module, name);
    }

    /// <summary>
    /// Compiles every function now, to machine code and on all cores, instead of each on its first call. Hosts call it
    /// at start-up so that no guest call later pays for compilation inside its fuel or deadline; the code is shared by
    /// all instances.
    /// </summary>
    public void Compile()
    {
        FunctionCompiler.UseChecks(Inner, Engine.Config.ConsumeFuel, Engine.Config.EpochInterruption);
        CompiledModule.For(Inner).CompileAll();
    }

    /// <summary>
    /// Compiles every function ahead of time into a .NET assembly and returns it with the module as a <c>.kiln</c>
    /// image (what <c>kiln compile</c> writes), which <see cref="Deserialize(Engine, byte[], string)"/> loads in a later process without
    /// generating IL again; the .NET JIT still turns each method into machine code on its first call. The code carries
    /// the fuel and interruption checks of this module's engine and runs only with a Kiln of the same build.
    /// </summary>
    /// <exception cref="NotSupportedException">The module uses GC instructions, whose code cannot be persisted yet.</exception>
    public byte[] Serialize()
    {
        var config = Engine.Config;
        FunctionCompiler.UseChecks(Inner, config.ConsumeFuel, config.EpochInterruption);
        var (assembly, firstToken) = PersistedLoader.Compile(CompiledModule.For(Inner));
        byte[] wasm = _binary ?? ModuleWriter.Write(Inner);
        return new PersistedImage(config.ConsumeFuel, config.EpochInterruption, Start, firstToken, wasm, assembly).Write();
    }

    /// <summary>
    /// Loads a module compiled by <see cref="Serialize"/> (or <c>kiln compile</c>): decodes and validates its Wasm again
    /// and uses its compiled code instead of generating IL. The image must come from the same Kiln build and an engine
    /// with the same <see cref="EngineConfig.ConsumeFuel"/> and <see cref="EngineConfig.EpochInterruption"/>.
    /// <para>
    /// Only load images you trust (that you compiled yourself): the code is a .NET assembly that runs with the host's
    /// rights, outside the Wasm sandbox, as Wasmtime's <c>Module::deserialize</c> is <c>unsafe</c>. A checksum catches
    /// accidental corruption, not tampering.
    /// </para>
    /// </summary>
    /// <exception cref="WasmDecodeException">
    /// The bytes are not a <c>.kiln</c> image, are truncated or corrupted, come from another Kiln build or format
    /// version, or were compiled for other engine settings.
    /// </exception>
    /// <exception cref="WasmValidationException">The embedded module is not valid.</exception>
    public static Module Deserialize(Engine engine, ReadOnlySpan<byte> bytes, string name = "module")
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Deserialize(engine, bytes.ToArray(), name);
    }

    /// <summary>Loads a module compiled by <see cref="Serialize"/>; see <see cref="Deserialize(Engine, ReadOnlySpan{byte}, string)"/>.</summary>
    /// <remarks>The module keeps <paramref name="bytes"/>: do not change them afterwards.</remarks>
    /// <exception cref="WasmDecodeException">As the other overload.</exception>
    /// <exception cref="WasmValidationException">The embedded module is not valid.</exception>
    public static Module Deserialize(Engine engine, byte[] bytes, string name = "module")
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(bytes);
        var image = PersistedImage.Read(bytes);
        var config = engine.Config;
        if (image.ConsumeFuel != config.ConsumeFuel || image.EpochInterruption != config.EpochInterruption)
        {
            throw new WasmDecodeException(
                $"compiled with {Checks(image.ConsumeFuel, image.EpochInterruption)} but the engine uses {Checks(config.ConsumeFuel, config.EpochInterruption)}; compile it again with the same settings",
                6,
                "kiln");
        }

        // A copy, so that the module's code bodies do not keep the whole file (mostly the assembly) alive.
        byte[] wasm = image.Wasm.ToArray();
        var module = ModuleReader.Decode(wasm, config.CustomPageSizes);
        module.Start = image.Start;
        ModuleValidator.Validate(module);
        FunctionCompiler.UseChecks(module, image.ConsumeFuel, image.EpochInterruption);
        PersistedLoader.Load(module, image);
        return new Module(engine, module, name, wasm);
    }

    /// <summary>Loads a <c>.kiln</c> file written by <c>kiln compile</c>; see <see cref="Deserialize(Engine, byte[], string)"/>.</summary>
    /// <exception cref="WasmDecodeException">As <see cref="Deserialize(Engine, byte[], string)"/>.</exception>
    public static Module DeserializeFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Deserialize(engine, File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>True when <paramref name="bytes"/> start like a <c>.kiln</c> image (see <see cref="Deserialize(Engine, byte[], string)"/>).</summary>
    public static bool IsSerialized(ReadOnlySpan<byte> bytes) => PersistedImage.IsImage(bytes);

    /// <summary>Checks that <paramref name="bytes"/> are a valid binary module without keeping it; throws like <see cref="FromBytes"/>.</summary>
    public static void Validate(Engine engine, ReadOnlySpan<byte> bytes) => FromBytes(engine, bytes);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\0asm"u8);

    private static string Checks(bool fuel, bool epoch) =>
        (fuel, epoch) switch
        {
            (true, true) => "fuel metering and epoch interruption",
            (true, false) => "fuel metering only",
            (false, true) => "epoch interruption only",
            _ => "neither fuel metering nor epoch interruption",
        };

    private FunctionType FuncTypeAt(int typeIndex) => ValueConversion.Signature((FuncType)Inner.Types[typeIndex].Composite);

    private ExternalType ImportType(Import i) => i.Kind switch
    {
        ExternKind.Function => new ExternalType(ExternalKind.Function) { Function = FuncTypeAt(i.TypeIndex) },
        ExternKind.Tag => new ExternalType(ExternalKind.Tag) { Function = FuncTypeAt(i.TypeIndex) },
        ExternKind.Table => TableTypeOf(i.Table),
        ExternKind.Memory => MemoryTypeOf(i.Memory),
        _ => GlobalTypeOf(i.Global),
    };

    private ExternalType ExportType(Export e) => e.Kind switch
    {
        ExternKind.Function => new ExternalType(ExternalKind.Function) { Function = FuncTypeAt(Inner.FunctionTypeIndex(e.Index)) },
        ExternKind.Tag => new ExternalType(ExternalKind.Tag) { Function = FuncTypeAt(Inner.TagTypeIndex(e.Index)) },
        ExternKind.Table => TableTypeOf(Inner.TableTypeAt(e.Index)),
        ExternKind.Memory => MemoryTypeOf(Inner.MemoryTypeAt(e.Index)),
        _ => GlobalTypeOf(Inner.GlobalTypeAt(e.Index)),
    };

    private static ExternalType TableTypeOf(TableType t) => new(ExternalKind.Table)
    {
        Element = ValueConversion.Kind(t.ElementType),
        Minimum = t.Limits.Min,
        Maximum = t.Limits.Max,
        Is64 = t.Is64,
    };

    private static ExternalType MemoryTypeOf(MemoryType m) => new(ExternalKind.Memory)
    {
        Minimum = m.Limits.Min,
        Maximum = m.Limits.Max,
        Is64 = m.Is64,
        IsShared = m.Shared,
    };

    private static ExternalType GlobalTypeOf(GlobalType g) => new(ExternalKind.Global)
    {
        Element = ValueConversion.Kind(g.Type),
        IsMutable = g.Mutable,
    };
}
