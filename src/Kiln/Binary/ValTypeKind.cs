namespace Kiln.Binary;

/// <summary>The kind of a value type, by binary code. <see cref="I8"/> and <see cref="I16"/> are packed storage types, only valid as struct/array fields.</summary>
internal enum ValTypeKind : byte
{
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
    V128 = 0x7B,
    I8 = 0x78,
    I16 = 0x77,
    Ref = 0x64,
}
