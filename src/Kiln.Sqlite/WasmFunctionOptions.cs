namespace Kiln.Sqlite;

/// <summary>
/// The sandbox for the Wasm functions of one connection: limits applied to every call, and where module files
/// named by <c>CREATE FUNCTION ... AS 'file.wasm'</c> are looked up.
/// </summary>
public sealed record WasmFunctionOptions
{
    /// <summary>The options used when none are given: 1 s per call, 64 MiB of memory per function, no fuel limit.</summary>
    public static WasmFunctionOptions Default { get; } = new();

    /// <summary>
    /// Wall-clock time one call may run before it is interrupted (the statement then fails with "interrupt");
    /// null for no limit. Measured with a 10 ms clock, so a call may run up to 10 ms longer. Default 1 s.
    /// </summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Fuel one call may consume (about one unit per Wasm instruction) before it traps with "all fuel consumed by
    /// WebAssembly"; null (the default) for no fuel accounting, which keeps compiled code faster.
    /// </summary>
    public ulong? Fuel { get; init; }

    /// <summary>Bytes each function's linear memory may grow to; null for the module's own maximum. Default 64 MiB.</summary>
    public long? MaxMemoryBytes { get; init; } = 64L << 20;

    /// <summary>The directory relative module paths are resolved against; null for the current directory.</summary>
    public string? ModuleDirectory { get; init; }
}
