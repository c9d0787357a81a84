namespace Kiln.Binary;

/// <summary>A value type (number, vector or reference), or a packed storage type in a field.</summary>
internal readonly record struct ValType(ValTypeKind Kind, bool Nullable = false, HeapType Heap = default)
{
    public static ValType I32 => new(ValTypeKind.I32);
    public static ValType I64 => new(ValTypeKind.I64);
    public static ValType F32 => new(ValTypeKind.F32);
    public static ValType F64 => new(ValTypeKind.F64);
    public static ValType V128 => new(ValTypeKind.V128);
    public static ValType I8 => new(ValTypeKind.I8);
    public static ValType I16 => new(ValTypeKind.I16);
    public static ValType FuncRef => Ref(HeapType.Func, nullable: true);
    public static ValType ExternRef => Ref(HeapType.Extern, nullable: true);
    public static ValType ExnRef => Ref(HeapType.Exn, nullable: true);

    public static ValType Ref(HeapType heap, bool nullable) => new(ValTypeKind.Ref, nullable, heap);

    public bool IsRef => Kind == ValTypeKind.Ref;

    public bool IsPacked => Kind is ValTypeKind.I8 or ValTypeKind.I16;

    public override string ToString() => Kind switch
    {
        ValTypeKind.I32 => "i32",
        ValTypeKind.I64 => "i64",
        ValTypeKind.F32 => "f32",
        ValTypeKind.F64 => "f64",
        ValTypeKind.V128 => "v128",
        ValTypeKind.I8 => "i8",
        ValTypeKind.I16 => "i16",
        _ => Nullable ? $"(ref null {Heap})" : $"(ref {Heap})",
    };
}
