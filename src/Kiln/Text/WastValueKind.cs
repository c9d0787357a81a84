namespace Kiln.Text;

/// <summary>The kinds of constant a script passes as an argument or expects as a result.</summary>
internal enum WastValueKind : byte
{
    I32,
    I64,
    F32,
    F64,
    V128,
    /// <summary><c>(ref.null ht)</c>: <see cref="WastValue.Heap"/> is the heap type.</summary>
    RefNull,
    /// <summary><c>(ref.extern N)</c>: a host-made external reference, <see cref="WastValue.Bits"/> = N.</summary>
    RefExtern,
    /// <summary><c>(ref.host N)</c>: a host reference, <see cref="WastValue.Bits"/> = N.</summary>
    RefHost,
}
