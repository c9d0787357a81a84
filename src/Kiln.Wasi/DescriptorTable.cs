namespace Kiln.Wasi;

/// <summary>
/// The guest's fd numbers. Numbering follows Wasmtime so guests see the same fds on both: a closed number is
/// reused highest-first, otherwise the next number is one past the highest in use.
/// </summary>
internal sealed class DescriptorTable : IDisposable
{
    private readonly Dictionary<uint, Descriptor> _used = [];
    private readonly SortedSet<uint> _usedKeys = [];
    private readonly SortedSet<uint> _free = [];

    internal Descriptor? Get(uint fd) => _used.GetValueOrDefault(fd);

    internal uint Push(Descriptor descriptor)
    {
        uint fd;
        if (_free.Count > 0)
        {
            fd = _free.Max;
            _free.Remove(fd);
        }
        else
        {
            fd = _usedKeys.Count == 0 ? 0 : _usedKeys.Max + 1;
        }
        Insert(fd, descriptor);
        return fd;
    }

    internal Descriptor? Remove(uint fd)
    {
        if (!_used.Remove(fd, out var d))
        {
            return null;
        }
        _usedKeys.Remove(fd);
        _free.Add(fd);
        return d;
    }

    /// <summary>fd_renumber: moves <paramref name="from"/> to <paramref name="to"/>, closing what was at <paramref name="to"/>.</summary>
    internal bool Renumber(uint from, uint to)
    {
        if (!_used.ContainsKey(from) || !_used.ContainsKey(to))
        {
            return false;
        }
        if (from != to)
        {
            var d = Remove(from)!;
            _used[to].Dispose();
            _used[to] = d;
        }
        return true;
    }

    private void Insert(uint fd, Descriptor descriptor)
    {
        _used[fd] = descriptor;
        _usedKeys.Add(fd);
    }

    public void Dispose()
    {
        foreach (var d in _used.Values)
        {
            d.Dispose();
        }
        _used.Clear();
        _usedKeys.Clear();
    }
}
