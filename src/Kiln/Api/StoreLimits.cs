namespace Kiln;

/// <summary>
/// Caps on what the guests of a <see cref="Store{T}"/> may allocate, like Wasmtime's <c>StoreLimitsBuilder</c>. A null
/// member means no limit. <c>memory.grow</c> (and <c>table.grow</c>) past a limit returns -1 without allocating;
/// instantiating a module whose initial sizes or counts exceed a limit fails with a <see cref="ResourceLimitException"/>.
/// </summary>
public sealed class StoreLimits
{
    /// <summary>Most bytes each linear memory may hold (not the sum over memories).</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Most elements each table may hold.</summary>
    public long? TableElements { get; init; }

    /// <summary>Most instances the store may hold (host functions do not count).</summary>
    public int? Instances { get; init; }

    /// <summary>Most linear memories the store's instances may define.</summary>
    public int? Memories { get; init; }

    /// <summary>Most tables the store's instances may define.</summary>
    public int? Tables { get; init; }
}
