namespace Kiln.Sqlite;

/// <summary>
/// The engines Wasm SQL functions run on, shared by every connection so that a module's compiled code is too: one
/// without fuel accounting and one with (fuel makes compiled code slower, so only functions that ask pay for it).
/// A process-wide clock advances their epochs every <see cref="TickMilliseconds"/> for per-call deadlines.
/// </summary>
internal static class WasmEngines
{
    /// <summary>The epoch period: the granularity of <see cref="WasmFunctionOptions.Timeout"/>.</summary>
    public const int TickMilliseconds = 10;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<(bool Fuel, string Sha256), WeakReference<Module>> Modules = [];
    private static Engine? _plain;
    private static Engine? _fueled;
    private static Timer? _clock;

    /// <summary>The shared engine with or without fuel accounting.</summary>
    public static Engine Get(bool consumeFuel)
    {
        lock (Gate)
        {
            ref var engine = ref consumeFuel ? ref _fueled : ref _plain;
            engine ??= new Engine(new EngineConfig { ConsumeFuel = consumeFuel, EpochInterruption = true });
            _clock ??= new Timer(_ => Tick(), null, TickMilliseconds, TickMilliseconds);
            return engine;
        }
    }

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

    private static void Tick()
    {
        _plain?.IncrementEpoch();
        _fueled?.IncrementEpoch();
    }
}
