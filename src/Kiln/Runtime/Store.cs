namespace Kiln.Runtime;

/// <summary>
/// Owns instances and the per-execution state their code shares. A store runs one guest call at a time;
/// <see cref="StackLimit"/> is the lowest stack address guest code may reach on the thread running it, and the
/// fuel and epoch fields are what compiled code's checks read (see <c>FunctionCompiler.Interrupts.cs</c>).
/// </summary>
internal sealed class Store(EpochCounter epoch, bool consumeFuel, bool epochInterruption)
{
    /// <summary>Shared by stores made without an engine: nobody increments it.</summary>
    private static readonly EpochCounter NoEngine = new();

    /// <summary>A store outside any engine (spec tests), with the engine defaults: no fuel, interruption checks on.</summary>
    public Store()
        : this(NoEngine, consumeFuel: false, epochInterruption: true)
    {
    }

    /// <summary>Whether code run in this store charges fuel (<see cref="EngineConfig.ConsumeFuel"/>).</summary>
    public bool ConsumeFuel { get; } = consumeFuel;

    /// <summary>Whether code run in this store checks the epoch (<see cref="EngineConfig.EpochInterruption"/>).</summary>
    public bool EpochInterruption { get; } = epochInterruption;

    /// <summary>Read by every function prologue: below this address the guest traps with "call stack exhausted".</summary>
    public nuint StackLimit;

    /// <summary>Fuel left. Compiled code subtracts each region's instruction count and traps once this goes negative.</summary>
    public long Fuel;

    /// <summary>The engine's epoch counter, compared with <see cref="EpochDeadline"/> at function entry and loop headers.</summary>
    public readonly EpochCounter Epoch = epoch;

    /// <summary>
    /// The epoch at which running code traps with "interrupt": the host's deadline, or 0 once cancellation was requested
    /// (so the next check fires without compiled code ever reading the token).
    /// </summary>
    public ulong EpochDeadline = ulong.MaxValue;

    /// <summary>Caps applied to memories, tables and instantiation; null for none.</summary>
    public StoreLimits? Limits;

    /// <summary>Instances, memories and tables created so far, counted against <see cref="Limits"/>.</summary>
    public int InstanceCount;
    public int MemoryCount;
    public int TableCount;
}
