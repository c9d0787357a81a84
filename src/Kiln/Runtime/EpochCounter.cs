namespace Kiln.Runtime;

/// <summary>An engine's epoch, in a box of its own so every store of the engine can point at the same counter.</summary>
internal sealed class EpochCounter
{
    /// <summary>Read by the interruption check of compiled code; only ever increases.</summary>
    public ulong Value;
}
