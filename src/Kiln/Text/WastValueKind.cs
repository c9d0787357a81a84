namespace Kiln.Text;

/// <summary>
/// The kinds of constant a script passes as an argument, and of value an action returns. Arguments use only the
/// numbers, <see cref="V128"/>, <see cref="RefNull"/>, <see cref="RefExtern"/> and <see cref="RefHost"/>.
/// </summary>
internal enum WastValueKind : byte
{
    I32,
    I64,
    F32,
    F64,
    V128,
    /// <summary><c>(ref.null ht)</c>: <see cref="WastValue.Heap"/> is the heap type.</summary>
    RefNull,
    /// <summary><c>(ref.extern N)</c>: host value N as an external reference, <see cref="WastValue.Bits"/> = N.</summary>
    RefExtern,
    /// <summary><c>(ref.host N)</c>: host value N as an internal (any) reference, <see cref="WastValue.Bits"/> = N.</summary>
    RefHost,
    /// <summary>A result: a non-null function reference.</summary>
    RefFunc,
    /// <summary>A result: an <c>i31</c> reference, <see cref="WastValue.Bits"/> its 31-bit payload.</summary>
    RefI31,
    /// <summary>A result: a struct reference.</summary>
    RefStruct,
    /// <summary>A result: an array reference.</summary>
    RefArray,
    /// <summary>A result: an exception reference.</summary>
    RefExn,
    /// <summary>A result: an external reference made by <c>extern.convert_any</c> from an internal value that is not a host value.</summary>
    RefExternInternal,
}
