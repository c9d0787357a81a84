namespace Kiln.Runtime;

/// <summary>
/// Owns instances and the per-execution state their code shares. A store runs one guest call at a time;
/// <see cref="StackLimit"/> is the lowest stack address guest code may reach on the thread running it.
/// </summary>
internal sealed class Store
{
    /// <summary>Read by every function prologue: below this address the guest traps with "call stack exhausted".</summary>
    public nuint StackLimit;
}
