using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// A table of an instance: a resizable array of references (<see cref="Function"/>s for <c>funcref</c> tables, any
/// object for <c>externref</c>), read and written by index. Named so because <c>Table</c> is taken by the module model.
/// </summary>
public sealed class ReferenceTable
{
    internal ReferenceTable(TableInstance inner, StoreHandle store)
    {
        Inner = inner;
        Store = store;
    }

    /// <summary>The element type.</summary>
    public ValueKind ElementKind => ValueConversion.Kind(Inner.Type.ElementType);

    /// <summary>Current number of elements.</summary>
    public long Size => (long)Inner.Size;

    /// <summary>The most elements the table may grow to, or null when the module set no maximum.</summary>
    public long? Maximum => (long?)Inner.Type.Limits.Max;

    internal TableInstance Inner { get; }

    internal StoreHandle Store { get; }

    /// <summary>The element at <paramref name="index"/>: a <see cref="Function"/>, an externref's object, or null.</summary>
    public object? Get(long index)
    {
        Check(index);
        return ValueConversion.Box(Runtime.Value.FromRef(Inner.Type.ElementType, Inner.Elements[index]), Store);
    }

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/>; it must fit the element type (a <see cref="Function"/> of this store for funcref).</summary>
    public void Set(long index, object? value)
    {
        Check(index);
        Inner.Elements[index] = Element(value);
    }

    /// <summary>Grows the table by <paramref name="delta"/> elements set to <paramref name="init"/>; returns the old size, or -1 when it cannot grow (as <c>table.grow</c>).</summary>
    public long Grow(long delta, object? init = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        Store.ThrowIfDisposed();
        return Inner.Grow((ulong)delta, Element(init));
    }

    private object? Element(object? value)
    {
        if (value is Function f && !ReferenceEquals(f.Store, Store))
        {
            throw new ArgumentException("the function belongs to another store", nameof(value));
        }

        return ValueConversion.Unbox(value, Inner.Type.ElementType).Ref;
    }

    private void Check(long index)
    {
        Store.ThrowIfDisposed();
        if ((ulong)index >= Inner.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside the table ({Size} elements)");
        }
    }
}
