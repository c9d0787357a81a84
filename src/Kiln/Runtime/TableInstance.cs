using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>
/// A table: <see cref="Elements"/> holds exactly the current size (replaced on grow), <see cref="FunctionInstance"/>
/// objects for funcref tables, any object (or null) for externref tables. Growth past the owning store's
/// <see cref="StoreLimits.TableElements"/> fails.
/// </summary>
internal sealed class TableInstance(TableType type, int[] typeIds, object? init, Store? owner = null)
{
    /// <summary>Most elements a table may hold (the array length limit, and what the spec tests expect to fail).</summary>
    public const ulong MaxElements = 10_000_000;

    public object?[] Elements = Filled(type.Limits.Min, init);

    public TableType Type { get; } = type;

    /// <summary>Canonical ids of the defining module's types, to compare element types across modules.</summary>
    public int[] TypeIds { get; } = typeIds;

    public ulong Size => (ulong)Elements.Length;

    /// <summary><c>table.grow</c>: the old size, or -1 when the table cannot grow that much.</summary>
    public long Grow(ulong delta, object? init)
    {
        var old = Elements;
        ulong max = Math.Min(Type.Limits.Max ?? ulong.MaxValue, MaxElements);
        if (delta > max - (ulong)old.Length)
        {
            return -1;
        }

        if (owner?.Limits?.TableElements is long cap && (ulong)old.Length + delta > (ulong)Math.Max(cap, 0))
        {
            return -1;
        }

        var grown = new object?[old.Length + (int)delta];
        old.CopyTo(grown, 0);
        if (init is not null)
        {
            Array.Fill(grown, init, old.Length, (int)delta);
        }

        Elements = grown;
        return old.Length;
    }

    private static object?[] Filled(ulong size, object? init)
    {
        if (size > MaxElements)
        {
            throw new TrapException(TrapKind.HostError, "table size exceeds implementation limit");
        }

        var a = new object?[size];
        if (init is not null)
        {
            Array.Fill(a, init);
        }

        return a;
    }
}
