namespace Kiln;

/// <summary>
/// Settings of an <see cref="Engine"/>: the proposals it accepts and the checks compiled code carries (fuel, epoch
/// interruption) and the stack guest code may use. The engine copies the config when created.
/// </summary>
public sealed class EngineConfig
{
    /// <summary>Accept the custom-page-sizes proposal in binary modules (memories with a page size other than 64 KiB). Off by default.</summary>
    public bool CustomPageSizes { get; set; }

    /// <summary>
    /// Compiled code charges one unit of fuel per Wasm instruction it runs and traps with
    /// <see cref="TrapKind.OutOfFuel"/> when the store's <see cref="Store{T}.Fuel"/> runs out. Off by default; when on,
    /// a store starts with no fuel, so set <see cref="Store{T}.Fuel"/> before calling in.
    /// </summary>
    public bool ConsumeFuel { get; set; }

    /// <summary>
    /// Compiled code checks at function entry and loop headers whether the guest must stop: the engine's epoch reached
    /// the store's deadline (<see cref="Engine.IncrementEpoch"/>, <see cref="Store{T}.SetEpochDeadline"/>) or the store's
    /// <see cref="Store{T}.CancellationToken"/> was cancelled. On by default (it is what makes timeouts work); turn it
    /// off only for trusted code that must run at full speed.
    /// </summary>
    public bool EpochInterruption { get; set; } = true;

    /// <summary>
    /// Bytes of native stack guest frames may use before a call traps with "call stack exhausted". Default 4 MiB:
    /// RyuJIT's frames are several times Cranelift's, and real programs (Yosys) need more than 2 MiB where Wasmtime's
    /// 512 KiB default suffices. Must be positive.
    /// </summary>
    public int MaxWasmStack
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 4 << 20;

    internal EngineConfig Clone() => (EngineConfig)MemberwiseClone();
}
