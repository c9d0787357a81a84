using System.Diagnostics;
using System.Text;
using Kiln.Wasi;

namespace Kiln.Examples.PluginHost;

/// <summary>
/// Loads WebAssembly plugins (<c>.wasm</c> or <c>.wat</c>) and calls them with strings, each call in a fresh store
/// with its own fuel, timeout and memory limit, so that a plugin that loops, hogs memory or traps is stopped and
/// reported while the others run. The plugin ABI is described in README.md.
/// </summary>
/// <remarks>
/// What is shared: one <see cref="Engine"/>, one <see cref="Linker"/> with the host functions (defined once, in the
/// constructor), and per plugin one <see cref="Module"/> linked once into an <see cref="InstancePre"/>. All of them
/// are safe to use from several threads, so <see cref="RunAll"/> calls the plugins in parallel. What is not: a
/// <see cref="Store{T}"/> and its instance, created per call and used by one thread.
/// </remarks>
public sealed class PluginHost
{
    private readonly PluginHostOptions _options;
    private readonly Engine _engine;
    private readonly Linker _linker;

    /// <summary>Creates a host; its engine meters fuel when <see cref="PluginHostOptions.Fuel"/> is not 0.</summary>
    public PluginHost(PluginHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _engine = new Engine(new EngineConfig { ConsumeFuel = options.Fuel > 0 });
        _linker = new Linker(_engine);
        DefineHostFunctions(_linker);
    }

    /// <summary>Loads and links every <c>.wasm</c> and <c>.wat</c> file in <paramref name="folder"/>, by name.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public IReadOnlyList<Plugin> Load(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".wat", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(LoadFile)];

    /// <summary>
    /// Loads, compiles and links one plugin file; a bad module or an unknown import is reported in <see cref="Plugin.LoadError"/>.
    /// </summary>
    public Plugin LoadFile(string path)
    {
        string name = Path.GetFileName(path);
        try
        {
            var module = Module.FromFile(_engine, path);

            // Compile now, once: otherwise each function compiles on its first call, inside the plugin's fuel and timeout.
            module.Compile();
            return new Plugin(name, _linker.Prepare(module), null);
        }
        catch (WasmException e)
        {
            // Decode, text and validation errors, and LinkingException for an import the host does not define.
            return new Plugin(name, null, e.Message);
        }
    }

    /// <summary>Calls every plugin of <paramref name="folder"/> with <paramref name="input"/>, in parallel; results in file-name order.</summary>
    public IReadOnlyList<PluginResult> RunAll(string folder, string input)
    {
        var plugins = Load(folder);
        var results = new PluginResult[plugins.Count];
        Parallel.For(0, plugins.Count, i => results[i] = Run(plugins[i], input));
        return results;
    }

    /// <summary>Calls <paramref name="plugin"/> with <paramref name="input"/> in a new store. Never throws for what the plugin does.</summary>
    public PluginResult Run(Plugin plugin, string input)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(input);
        if (plugin.Prepared is null)
        {
            return new PluginResult(plugin.Name, PluginOutcome.Rejected, plugin.LoadError!, [], 0, TimeSpan.Zero, []);
        }

        var clock = Stopwatch.StartNew();
        using var state = new PluginState(plugin.Name, _options);
        using var store = new Store<PluginState>(_engine, state)
        {
            // memory.grow beyond the limit returns -1 to the plugin; the host never allocates it.
            Limits = new StoreLimits { MemoryBytes = _options.MaxMemoryBytes, Instances = 1 },
        };
        if (_options.Fuel > 0)
        {
            store.Fuel = _options.Fuel;
        }

        // The token interrupts the guest wherever it loops; the timer starts now, so instantiation counts too.
        using var timeout = new CancellationTokenSource(_options.Timeout);
        store.CancellationToken = timeout.Token;

        PluginOutcome outcome;
        string output;
        IReadOnlyList<string> backtrace = [];
        try
        {
            output = Call(plugin.Prepared.Instantiate(store), input);
            outcome = PluginOutcome.Ok;
        }
        catch (TrapException e) when (e.Kind is TrapKind.OutOfFuel or TrapKind.Interrupted)
        {
            outcome = PluginOutcome.Stopped;
            output = e.Kind == TrapKind.OutOfFuel
                ? $"{e.Reason} (its budget is {_options.Fuel} fuel)"
                : $"{e.Reason} (its timeout is {_options.Timeout.TotalMilliseconds} ms)";
            backtrace = e.WasmBacktrace;
        }
        catch (TrapException e)
        {
            outcome = PluginOutcome.Trapped;
            // A host function that throws (e.g. host.log given an address outside the memory) ends the call as a trap.
            output = e.Kind == TrapKind.HostError && e.InnerException is not null ? $"host function failed: {e.InnerException.Message}" : e.Reason;
            backtrace = e.WasmBacktrace;
        }
        catch (PluginAbiException e)
        {
            outcome = PluginOutcome.Broken;
            output = e.Message;
        }
        catch (WasmException e)
        {
            // LinkingException (an import of another store), ResourceLimitException (its initial memory is over the limit).
            outcome = PluginOutcome.Rejected;
            output = e.Message;
        }

        ulong fuelUsed = _options.Fuel > 0 ? _options.Fuel - store.Fuel : 0;
        return new PluginResult(plugin.Name, outcome, output, state.TakeLog(), fuelUsed, clock.Elapsed, backtrace);
    }

    /// <summary>The ABI: <c>_initialize</c> once if exported, <c>alloc</c> a buffer, copy the input in, <c>transform</c>, read the result.</summary>
    private static string Call(ModuleInstance instance, string input)
    {
        var memory = instance.GetMemory("memory") ?? throw new PluginAbiException("exports no memory \"memory\"");
        var alloc = Export<Func<int, int>>(instance, "alloc", static (i, n) => i.GetFunction<int, int>(n));
        var transform = Export<Func<int, int, long>>(instance, "transform", static (i, n) => i.GetFunction<int, int, long>(n));
        instance.GetAction("_initialize")?.Invoke();

        int length = Encoding.UTF8.GetByteCount(input);
        int address = alloc(length);
        try
        {
            memory.WriteString((uint)address, input);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new PluginAbiException($"alloc({length}) returned {address}, outside its memory", e);
        }

        long packed = transform(address, length);
        uint resultAddress = (uint)(packed >>> 32);
        int resultLength = (int)(uint)packed;
        try
        {
            return memory.ReadString(resultAddress, resultLength);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new PluginAbiException($"transform returned {resultLength} bytes at {resultAddress}, outside its memory", e);
        }
    }

    /// <summary>A typed export; a missing one or one of another signature breaks the ABI.</summary>
    private static T Export<T>(ModuleInstance instance, string name, Func<ModuleInstance, string, T?> lookup)
        where T : Delegate
    {
        try
        {
            return lookup(instance, name) ?? throw new PluginAbiException($"exports no function \"{name}\"");
        }
        catch (InvalidCastException e)
        {
            throw new PluginAbiException(e.Message, e);
        }
    }

    /// <summary>The <c>host</c> module every plugin may import, and WASI bound to each call's own state.</summary>
    private static void DefineHostFunctions(Linker linker)
    {
        linker.DefineFunction("host", "log", (Caller caller, int address, int length) =>
        {
            var state = (PluginState)caller.Data!;
            var memory = caller.GetMemory("memory") ?? throw new PluginAbiException("host.log needs an exported memory");

            // A misbehaving plugin can pass any numbers: ReadString checks the bounds, the cap keeps lines short.
            state.Log(memory.ReadString((uint)address, Math.Min(length, 1024)));
        });

        linker.DefineFunction("host", "now", (Caller caller) => ((PluginState)caller.Data!).Options.Clock().ToUnixTimeMilliseconds());

        linker.DefineFunction("host", "config", (Caller caller, int keyAddress, int keyLength, int buffer, int capacity) =>
        {
            var state = (PluginState)caller.Data!;
            var memory = caller.GetMemory("memory") ?? throw new PluginAbiException("host.config needs an exported memory");
            string key = memory.ReadString((uint)keyAddress, keyLength);
            if (!state.Options.Config.TryGetValue(key, out var value))
            {
                return -1;
            }

            // Like snprintf: the value's length is returned in any case, the value written only when it fits.
            int needed = Encoding.UTF8.GetByteCount(value);
            if (needed <= capacity)
            {
                memory.WriteString((uint)buffer, value);
            }

            return needed;
        });

        linker.DefineWasi(caller => ((PluginState)caller.Data!).Wasi);
    }
}
