namespace Kiln.Binary;

/// <summary>A heap type: abstract (func, extern, any, ...) or a module-relative type index.</summary>
internal readonly record struct HeapType(HeapKind Kind, int Index = 0)
{
    public static HeapType Func => new(HeapKind.Func);
    public static HeapType Extern => new(HeapKind.Extern);
    public static HeapType Exn => new(HeapKind.Exn);

    public bool IsConcrete => Kind == HeapKind.Concrete;

    public static HeapType OfIndex(int typeIndex) => new(HeapKind.Concrete, typeIndex);

    public override string ToString() => Kind switch
    {
        HeapKind.Concrete => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HeapKind.NoExn => "noexn",
        HeapKind.NoFunc => "nofunc",
        HeapKind.NoExtern => "noextern",
        HeapKind.None => "none",
        HeapKind.Func => "func",
        HeapKind.Extern => "extern",
        HeapKind.Any => "any",
        HeapKind.Eq => "eq",
        HeapKind.I31 => "i31",
        HeapKind.Struct => "struct",
        HeapKind.Array => "array",
        HeapKind.Exn => "exn",
        _ => "?",
    };
}
