namespace Kiln.Binary;

/// <summary>Abstract heap types by their binary code, plus <see cref="Concrete"/> for a type index.</summary>
internal enum HeapKind : byte
{
    Concrete = 0,
    NoExn = 0x74,
    NoFunc = 0x73,
    NoExtern = 0x72,
    None = 0x71,
    Func = 0x70,
    Extern = 0x6F,
    Any = 0x6E,
    Eq = 0x6D,
    I31 = 0x6C,
    Struct = 0x6B,
    Array = 0x6A,
    Exn = 0x69,
}
