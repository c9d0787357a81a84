namespace Kiln.Sqlite;

/// <summary>
/// The engines Wasm SQL functions run on, shared by every connection so that a module's compiled code is too: one
/// without fuel accounting and one with (fuel makes compiled code slower, so only functions that ask pay for it).
/// An <see cref="EpochTimer"/> on each (<see cref="Clock"/>) advances its epoch for per-call deadlines.
/// </summary>
internal static class WasmEngines
{
    /// <summary>The epoch period: the granularity of <see cref="WasmFunctionOptions.Timeout"/>.</summary>
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(10);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<(bool Fuel, string Sha256), WeakReference<Module>> Modules = [];
    private static Engine? _plain;
    private static Engine? _fueled;
    private static EpochTimer? _plainClock;
    private static EpochTimer? _fueledClock;

    /// <summary>The shared engine with or without fuel accounting.</summary>
    public static Engine Get(bool consumeFuel)
    {
        lock (Gate)
        {
            ref var engine = ref consumeFuel ? ref _fueled : ref _plain;
            if (engine is null)
            {
                engine = new Engine(new EngineConfig { ConsumeFuel = consumeFuel, EpochInterruption = true });
                (consumeFuel ? ref _fueledClock : ref _plainClock) = new EpochTimer(engine, TickInterval);
            }

            return engine;
        }
    }

    /// <summary>
    /// The epoch timer of the shared engine with or without fuel accounting, for deadlines on its stores. Read on every
    /// call, so without the lock: the engine, and with it its timer, was made by <see cref="Get"/> before any store of it.
    /// </summary>
    public static EpochTimer Clock(bool consumeFuel) =>
        (consumeFuel ? _fueledClock : _plainClock) ?? throw new InvalidOperationException("the engine has not been created");

    /// <summary>
    /// The module of <paramref name="bytes"/> (binary or text format) on the engine with or without fuel, decoded and validated once per
    /// process while anyone holds it (keyed by the bytes' SHA-256).
    /// </summary>
    /// <exception cref="WasmException">The bytes are not a valid module.</exception>
    public static Module Load(bool consumeFuel, byte[] bytes, string sha256, string name)
    {
        var engine = Get(consumeFuel);
        lock (Gate)
        {
            if (Modules.TryGetValue((consumeFuel, sha256), out var weak) && weak.TryGetTarget(out var cached))
            {
                return cached;
            }
        }

        // A module file may also be WebAssembly text, told by its first bytes as Module.FromFile does.
        var module = bytes.AsSpan().StartsWith("\0asm"u8)
            ? Module.FromBytes(engine, bytes, name)
            : Module.FromText(engine, System.Text.Encoding.UTF8.GetString(bytes), name);
        lock (Gate)
        {
            Modules[(consumeFuel, sha256)] = new WeakReference<Module>(module);
        }

        return module;
    }
}
