namespace Kiln.Wasi;

/// <summary>
/// The guest's fd numbers. Numbering follows Wasmtime so guests see the same fds on both: a closed number is
/// reused highest-first, otherwise the next number is one past the highest in use.
/// </summary>
/// <remarks>
/// A plain array: every slot below <see cref="_count"/> was in use once, so the closed numbers are exactly the empty
/// slots, and "highest closed number, else one past the highest in use" is the highest empty slot, else the end.
/// A guest holds a handful of fds, and a table is built per instance (per request in <c>kiln serve</c>).
/// </remarks>
internal sealed class DescriptorTable : IDisposable
{
    private Descriptor?[] _slots = new Descriptor?[4];
    private int _count;

    internal Descriptor? Get(uint fd) => fd < (uint)_count ? _slots[fd] : null;

    internal uint Push(Descriptor descriptor)
    {
        int fd = _count - 1;
        while (fd >= 0 && _slots[fd] is not null)
        {
            fd--;
        }

        if (fd < 0)
        {
            if (_count == _slots.Length)
            {
                Array.Resize(ref _slots, _count * 2);
            }

            fd = _count++;
        }

        _slots[fd] = descriptor;
        return (uint)fd;
    }

    internal Descriptor? Remove(uint fd)
    {
        if (Get(fd) is not { } d)
        {
            return null;
        }

        _slots[fd] = null;
        return d;
    }

    /// <summary>fd_renumber: moves <paramref name="from"/> to <paramref name="to"/>, closing what was at <paramref name="to"/>.</summary>
    internal bool Renumber(uint from, uint to)
    {
        if (Get(from) is null || Get(to) is not { } target)
        {
            return false;
        }

        if (from != to)
        {
            var d = Remove(from)!;
            target.Dispose();
            _slots[to] = d;
        }

        return true;
    }

    public void Dispose()
    {
        for (int i = 0; i < _count; i++)
        {
            _slots[i]?.Dispose();
            _slots[i] = null;
        }

        _count = 0;
    }
}
