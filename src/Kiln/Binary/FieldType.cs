namespace Kiln.Binary;

/// <summary>A struct field or array element: a storage type (value type or packed i8/i16) and mutability.</summary>
internal readonly record struct FieldType(ValType Type, bool Mutable);
