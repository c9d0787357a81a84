namespace Kiln.Text;

/// <summary>
/// One index space of a text module (types, functions, locals, ...): how many entries it has and which
/// <c>$names</c> are bound to which index. <paramref name="duplicateName"/> and <paramref name="unknownName"/>
/// are the words the reference interpreter uses in "duplicate func $f" and "unknown function $f".
/// </summary>
internal sealed class WatIndexSpace(string duplicateName, string unknownName)
{
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public string DuplicateName { get; } = duplicateName;

    public string UnknownName { get; } = unknownName;

    /// <summary>Binds the next index to <paramref name="name"/> (when not null); false when the name is taken.</summary>
    public bool TryAdd(string? name, out int index)
    {
        index = Count;
        if (name is not null && !_names.TryAdd(name, index))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>Adds <paramref name="n"/> anonymous entries.</summary>
    public void AddAnonymous(int n) => Count += n;

    public bool TryGet(string name, out int index) => _names.TryGetValue(name, out index);

    /// <summary>The names bound so far, by index (for the name section).</summary>
    public IEnumerable<KeyValuePair<string, int>> Names => _names;
}
