namespace Kiln.Http;

/// <summary>What one request to a handler may use; null means no limit of that kind.</summary>
public sealed record HandlerLimits
{
    /// <summary>Wall-clock time for the whole guest run (instantiation included); past it the guest is interrupted and the client gets 504.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Bytes each linear memory may grow to; <c>memory.grow</c> beyond it returns -1.</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>Fuel (roughly, Wasm instructions) for one request; running out traps, and the client gets 500.</summary>
    public ulong? Fuel { get; init; }

    /// <summary>Largest request body passed to the guest; a longer one is refused with 413.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>Largest output the guest may write to stdout; past it writes fail and the client gets 502.</summary>
    public long? MaxResponseBytes { get; init; }

    /// <summary>No limits at all.</summary>
    public static HandlerLimits None { get; } = new();

    /// <summary>These limits, with every unset one taken from <paramref name="defaults"/>.</summary>
    public HandlerLimits Or(HandlerLimits defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new HandlerLimits
        {
            Timeout = Timeout ?? defaults.Timeout,
            MaxMemoryBytes = MaxMemoryBytes ?? defaults.MaxMemoryBytes,
            Fuel = Fuel ?? defaults.Fuel,
            MaxRequestBodyBytes = MaxRequestBodyBytes ?? defaults.MaxRequestBodyBytes,
            MaxResponseBytes = MaxResponseBytes ?? defaults.MaxResponseBytes,
        };
    }
}
