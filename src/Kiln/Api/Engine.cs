using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// The compilation environment modules are loaded into: it holds the <see cref="EngineConfig"/> every module built
/// with it shares, and the epoch counter that interrupts guests (<see cref="IncrementEpoch"/>). Create one per
/// application and share it; it is thread-safe and holds no native resources.
/// </summary>
public sealed class Engine
{
    /// <summary>Creates an engine with <paramref name="config"/>, or the defaults when null.</summary>
    public Engine(EngineConfig? config = null)
    {
        Config = config?.Clone() ?? new EngineConfig();
    }

    /// <summary>A copy of the settings the engine was created with; changing it afterwards has no effect.</summary>
    public EngineConfig Config { get; }

    /// <summary>The epoch every store of this engine compares its deadline with.</summary>
    internal EpochCounter Epoch { get; } = new();

    /// <summary>
    /// Advances the engine's epoch by one: guests of stores whose deadline (<see cref="Store{T}.SetEpochDeadline"/>)
    /// is now reached trap with <see cref="TrapKind.Interrupted"/> at their next function entry or loop header.
    /// Thread-safe and cheap: call it from a timer, as with Wasmtime's <c>Engine::increment_epoch</c>.
    /// </summary>
    public void IncrementEpoch() => Interlocked.Increment(ref Epoch.Value);
}
