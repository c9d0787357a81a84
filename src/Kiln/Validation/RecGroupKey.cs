namespace Kiln.Validation;

/// <summary>
/// The structure of a recursion group, flattened to integers: references inside the group are relative
/// (negative), references outside are canonical ids. Equal keys mean iso-recursively equivalent groups.
/// </summary>
internal sealed class RecGroupKey(int[] code) : IEquatable<RecGroupKey>
{
    private readonly int _hash = Hash(code);

    public int[] Code { get; } = code;

    public bool Equals(RecGroupKey? other) =>
        other is not null && _hash == other._hash && Code.AsSpan().SequenceEqual(other.Code);

    public override bool Equals(object? obj) => obj is RecGroupKey k && Equals(k);

    public override int GetHashCode() => _hash;

    private static int Hash(int[] code)
    {
        var h = default(HashCode);
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(code.AsSpan()));
        return h.ToHashCode();
    }
}
