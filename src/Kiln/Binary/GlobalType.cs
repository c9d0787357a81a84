namespace Kiln.Binary;

/// <summary>A global's value type and mutability.</summary>
internal readonly record struct GlobalType(ValType Type, bool Mutable);
