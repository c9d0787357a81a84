namespace Kiln.Http;

/// <summary>
/// A handler ready to serve: its module compiled and linked once (an <see cref="InstancePre"/>), so each request only
/// instantiates it in a fresh store. <see cref="Reload"/> swaps in a changed module; requests already running keep the
/// module they started with. Thread-safe.
/// </summary>
public sealed class WasmHandler
{
    private volatile InstancePre _prepared;

    private WasmHandler(Engine engine, HandlerSpec spec, IWasmExecutor executor, InstancePre prepared, DateTime loadedWriteTime)
    {
        Engine = engine;
        Spec = spec;
        Executor = executor;
        _prepared = prepared;
        LoadedWriteTime = loadedWriteTime;
    }

    /// <summary>The engine the module is compiled for.</summary>
    public Engine Engine { get; }

    /// <summary>What the manifest said about this handler.</summary>
    public HandlerSpec Spec { get; }

    /// <summary>The ABI that runs requests.</summary>
    public IWasmExecutor Executor { get; }

    /// <summary>The linked module each request instantiates.</summary>
    public InstancePre Prepared => _prepared;

    /// <summary>The module file's last write time when it was (re)loaded.</summary>
    public DateTime LoadedWriteTime { get; private set; }

    /// <summary>Compiles and links the module of <paramref name="spec"/> for <paramref name="engine"/>.</summary>
    /// <exception cref="ArgumentException">The spec names an executor that does not exist.</exception>
    /// <exception cref="IOException">The module file cannot be read.</exception>
    /// <exception cref="WasmException">The module is malformed or invalid, or imports something its ABI does not give.</exception>
    public static WasmHandler Load(Engine engine, HandlerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(spec);
        var executor = ExecutorFor(spec.Executor);
        var writeTime = File.GetLastWriteTimeUtc(spec.ModulePath);
        return new WasmHandler(engine, spec, executor, Prepare(engine, spec, executor), writeTime);
    }

    /// <summary>
    /// Compiles and links the module of <paramref name="spec"/> for an engine of its own, set up for its limits
    /// (fuel metering only when it has a fuel limit).
    /// </summary>
    /// <exception cref="ArgumentException">The spec names an executor that does not exist.</exception>
    /// <exception cref="IOException">The module file cannot be read.</exception>
    /// <exception cref="WasmException">The module is malformed or invalid, or imports something its ABI does not give.</exception>
    public static WasmHandler Load(HandlerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Load(WasmSandbox.CreateEngine(spec.Limits.Fuel is not null), spec);
    }

    /// <summary>The executor for ABI <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No ABI has that name.</exception>
    public static IWasmExecutor ExecutorFor(string name) => name switch
    {
        WagiExecutor.Name => WagiExecutor.Instance,
        _ => throw new ArgumentException($"unknown executor \"{name}\" (supported: {WagiExecutor.Name})", nameof(name)),
    };

    /// <summary>
    /// Recompiles the module from its file and makes it the one new requests use. On failure the old module stays
    /// and the exception is thrown.
    /// </summary>
    public void Reload()
    {
        var writeTime = File.GetLastWriteTimeUtc(Spec.ModulePath);
        _prepared = Prepare(Engine, Spec, Executor);
        LoadedWriteTime = writeTime;
    }

    private static InstancePre Prepare(Engine engine, HandlerSpec spec, IWasmExecutor executor)
    {
        var module = Module.FromFile(engine, spec.ModulePath);
        var linker = new Linker(engine);
        executor.Define(linker);
        return linker.Prepare(module);
    }
}
