using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// The sandbox one Wasm SQL function runs in on one connection: its own store (memory capped by
/// <see cref="WasmFunctionOptions.MaxMemoryBytes"/>) and instance, made on first use and kept across rows. Every call
/// runs under the per-call fuel and deadline. A trap discards the instance, since the guest may have stopped half-way
/// through changing its own state; the next call gets a fresh one (<see cref="Generation"/> tells them apart).
/// </summary>
internal sealed class GuestInstance : IDisposable
{
    private const int ScratchAlign = 8;

    private readonly WasmFunctionOptions _options;
    private readonly byte[] _bytes;
    private readonly string _sha256;
    private Module? _module;
    private Store<object?>? _store;
    private ModuleInstance? _instance;
    private Memory? _memory;
    private Function? _realloc;
    private int _scratch;
    private int _scratchCapacity;
    private long _generations;

    /// <summary>Prepares a sandbox for the module <paramref name="bytes"/>; nothing is compiled until first use.</summary>
    public GuestInstance(string functionName, string moduleName, byte[] bytes, string sha256, WasmFunctionOptions options)
    {
        FunctionName = functionName;
        ModuleName = moduleName;
        _bytes = bytes;
        _sha256 = sha256;
        _options = options;
    }

    /// <summary>The SQL function's name, which starts every error message.</summary>
    public string FunctionName { get; }

    /// <summary>The module's file name, for messages.</summary>
    public string ModuleName { get; }

    /// <summary>Numbers the instances made so far; 0 before the first.</summary>
    public long Generation { get; private set; }

    /// <summary>The live instance, made (and its reactor initialised) when there is none.</summary>
    /// <exception cref="SqliteException">The module cannot be compiled or instantiated.</exception>
    public ModuleInstance Instance => _instance ?? Instantiate();

    /// <summary>The module, decoded and validated on first use.</summary>
    /// <exception cref="SqliteException">The bytes are not a valid module.</exception>
    public Module Module
    {
        get
        {
            if (_module is null)
            {
                try
                {
                    _module = WasmEngines.Load(_options.Fuel.HasValue, _bytes, _sha256, ModuleName);
                }
                catch (WasmException e)
                {
                    throw Error($"module '{ModuleName}' is not a valid WebAssembly module: {e.Message}");
                }
            }

            return _module;
        }
    }

    /// <summary>The exported function <paramref name="name"/> of the live instance.</summary>
    /// <exception cref="SqliteException">There is no such function export.</exception>
    public Function RequireFunction(string name) =>
        Instance.GetFunction(name) ?? throw Error($"module '{ModuleName}' has no function export '{name}'");

    /// <summary>
    /// Checks that the module exports what text and blob values need: its memory as <c>memory</c> and an allocator
    /// <c>cabi_realloc(old_ptr, old_size, align, new_size) -> ptr</c>.
    /// </summary>
    public void RequireMemory(bool allocator)
    {
        _ = Instance;
        if (_memory is null)
        {
            throw Error($"module '{ModuleName}' exports no memory named 'memory', which text and blob values need");
        }

        if (allocator && _realloc is null)
        {
            throw Error($"module '{ModuleName}' exports no function cabi_realloc(i32, i32, i32, i32) -> i32, which text and blob arguments need");
        }

        if (allocator && (_realloc!.Type.Parameters.Count != 4 || _realloc.Type.Parameters.Any(p => p != ValueKind.Int32)
            || _realloc.Type.Results.Count != 1 || _realloc.Type.Results[0] != ValueKind.Int32))
        {
            throw Error($"module '{ModuleName}' exports cabi_realloc with type {_realloc.Type}, but it must be (func (param i32 i32 i32 i32) (result i32))");
        }
    }

    /// <summary>Calls <paramref name="function"/> under the per-call limits; a trap becomes a <see cref="SqliteException"/> and discards the instance.</summary>
    public object? Call(Function function, object?[] args) => Call(function.Invoke, args);

    /// <summary>Calls the export of <paramref name="plan"/>, through its typed caller when it has one; as <see cref="Call(Function, object?[])"/>.</summary>
    public object? Call(GuestCallPlan plan, object?[] args) => Call(plan.Invoke ?? plan.Export.Invoke, args);

    private object? Call(Func<object?[], object?> invoke, object?[] args)
    {
        ApplyCallLimits(_store!);
        try
        {
            return invoke(args);
        }
        catch (TrapException e)
        {
            Reset();
            throw Error(e.Kind switch
            {
                TrapKind.OutOfFuel => $"{e.Reason} (limit: {_options.Fuel} fuel per call)",
                TrapKind.Interrupted => $"{e.Reason}: the call ran longer than its limit of {_options.Timeout?.TotalMilliseconds} ms",
                _ => "wasm trap: " + e.Reason,
            });
        }
    }

    /// <summary>
    /// Makes room for <paramref name="size"/> bytes of arguments in the scratch buffer (grown through
    /// <c>cabi_realloc</c>, kept across calls, owned by the host) and returns its address.
    /// </summary>
    public int Reserve(int size)
    {
        if (size > _scratchCapacity)
        {
            int capacity = (int)Math.Min(int.MaxValue, Math.Max(256, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)size)));
            var result = Call(_realloc!, [_scratch, _scratchCapacity, ScratchAlign, capacity]);
            int address = (int)result!;
            if (address == 0)
            {
                throw Error($"cabi_realloc could not allocate {capacity} bytes for the arguments");
            }

            _scratch = address;
            _scratchCapacity = capacity;
        }

        return _scratch;
    }

    /// <summary>The guest's memory, for writing arguments at an address <see cref="Reserve"/> returned.</summary>
    public Span<byte> Span(int address, int length) => _memory!.GetSpan(address, length);

    /// <summary>
    /// Reads the <c>{u32 ptr; u32 len}</c> return area at <paramref name="retptr"/> and the bytes it points to;
    /// <paramref name="what"/> ("text", "blob") names them in errors.
    /// </summary>
    public ReadOnlySpan<byte> ReadReturnArea(int retptr, string what)
    {
        var memory = _memory!;
        if (retptr < 0 || (long)retptr + 8 > memory.Length)
        {
            throw Error($"the returned pointer {(uint)retptr} to the {what}'s return area lies outside the memory ({memory.Length} bytes)");
        }

        var area = memory.GetSpan(retptr, 8);
        uint pointer = BinaryPrimitives.ReadUInt32LittleEndian(area);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(area[4..]);
        if ((ulong)pointer + length > (ulong)memory.Length || length > int.MaxValue)
        {
            throw Error($"the returned {what} ({length} bytes at {pointer}) lies outside the memory ({memory.Length} bytes)");
        }

        return memory.GetSpan(pointer, (int)length);
    }

    /// <summary>A SQLite error whose message starts with the function's name.</summary>
    public SqliteException Error(string message) => new($"{FunctionName}: {message}", SqliteErrorCodes.Error);

    /// <summary>Frees the instance's memory.</summary>
    public void Dispose() => Reset();

    private ModuleInstance Instantiate()
    {
        var module = Module;
        if (module.Imports.Count > 0)
        {
            var i = module.Imports[0];
            throw Error($"module '{ModuleName}' imports {i.Module}::{i.Name}, but Wasm SQL functions are given no imports");
        }

        var store = new Store<object?>(module.Engine, null);
        if (_options.MaxMemoryBytes is long max)
        {
            store.Limits = new StoreLimits { MemoryBytes = max };
        }

        try
        {
            ApplyCallLimits(store);
            var instance = new Linker(module.Engine).Instantiate(store, module);
            _store = store;
            _memory = instance.GetMemory("memory");
            _realloc = instance.GetFunction("cabi_realloc");
            _scratch = 0;
            _scratchCapacity = 0;
            Generation = ++_generations;
            _instance = instance;
            if (instance.GetFunction("_initialize") is { } initialize)
            {
                Call(initialize, []);
            }

            return instance;
        }
        catch (WasmException e)
        {
            Reset();
            store.Dispose();
            throw Error($"module '{ModuleName}' cannot be instantiated: {e.Message}");
        }
    }

    private void ApplyCallLimits(Store<object?> store)
    {
        if (_options.Fuel is ulong fuel)
        {
            store.Fuel = fuel;
        }

        if (_options.Timeout is TimeSpan timeout)
        {
            store.SetEpochDeadline(WasmEngines.Clock(_options.Fuel.HasValue).TicksFor(timeout));
        }
    }

    private void Reset()
    {
        _instance = null;
        _memory = null;
        _realloc = null;
        _store?.Dispose();
        _store = null;
    }
}
