using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// A module's type section after validation and canonicalisation: the canonical id of every type index,
/// and subtyping between module-relative types (which it answers through the canonical ids).
/// </summary>
internal sealed class ModuleTypes
{
    private readonly List<SubType> _types;
    private readonly int[] _canonical;

    private ModuleTypes(List<SubType> types, int[] canonical)
    {
        _types = types;
        _canonical = canonical;
    }

    public int Count => _canonical.Length;

    public SubType this[int index] => _types[index];

    /// <summary>
    /// Validates the type section (references, supertype declarations) and canonicalises it.
    /// Throws <see cref="WasmValidationException"/> when it is invalid.
    /// </summary>
    public static ModuleTypes Create(WasmModule module)
    {
        var types = module.Types;
        var ids = new int[types.Count];
        int next = 0;
        foreach (var group in module.RecGroups)
        {
            // Types not covered by a declared group form singleton groups.
            for (; next < group.Start; next++)
            {
                CheckGroup(types, new RecGroup(next, 1), ids);
            }

            CheckGroup(types, group, ids);
            next = group.Start + group.Count;
        }

        for (; next < types.Count; next++)
        {
            CheckGroup(types, new RecGroup(next, 1), ids);
        }

        return new ModuleTypes(types, ids);
    }

    /// <summary>The canonical id of module type <paramref name="index"/>.</summary>
    public int CanonicalId(int index) => _canonical[index];

    public CanonicalType Canonical(int index) => CanonicalTypes.Get(_canonical[index]);

    public FuncType? Func(int index) => _types[index].Composite as FuncType;

    public StructType? Struct(int index) => _types[index].Composite as StructType;

    public ArrayType? Array(int index) => _types[index].Composite as ArrayType;

    /// <summary>Maps a module-relative value type to canonical space (concrete heap types become canonical ids).</summary>
    public ValType ToCanonical(ValType t) =>
        t.IsRef && t.Heap.IsConcrete ? t with { Heap = HeapType.OfIndex(_canonical[t.Heap.Index]) } : t;

    public TableType ToCanonical(TableType t) => t with { ElementType = ToCanonical(t.ElementType) };

    public GlobalType ToCanonical(GlobalType g) => g with { Type = ToCanonical(g.Type) };

    public HeapType ToCanonical(HeapType h) => h.IsConcrete ? HeapType.OfIndex(_canonical[h.Index]) : h;

    /// <summary>Whether <paramref name="a"/> is a subtype of <paramref name="b"/> (module-relative types).</summary>
    public bool Matches(ValType a, ValType b)
    {
        if (a == b || StackTypes.IsUnknown(a))
        {
            return true;
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        if (a.Kind != ValTypeKind.Ref)
        {
            return true;
        }

        return (b.Nullable || !a.Nullable) && HeapMatches(a.Heap, b.Heap);
    }

    public bool HeapMatches(HeapType a, HeapType b)
    {
        if (a == b)
        {
            return true;
        }

        return CanonicalTypes.HeapMatches(ToCanonical(a), ToCanonical(b));
    }

    /// <summary>Whether two module-relative value types are equivalent.</summary>
    public bool Equivalent(ValType a, ValType b) => ToCanonical(a) == ToCanonical(b);

    /// <summary>The top heap type of <paramref name="h"/>'s hierarchy (any, func, extern or exn).</summary>
    public HeapType Top(HeapType h) => new(h.Kind == StackTypes.BottomHeap ? HeapKind.Any : CanonicalTypes.Top(ToCanonical(h)));

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> belong to the same hierarchy.</summary>
    public bool SameHierarchy(HeapType a, HeapType b) =>
        a.Kind == StackTypes.BottomHeap || b.Kind == StackTypes.BottomHeap || Top(a) == Top(b);

    /// <summary>Throws "unknown type N" unless every type a value type refers to exists.</summary>
    public void Check(ValType t, int? function = null, int offset = -1)
    {
        if (t.IsRef)
        {
            Check(t.Heap, function, offset);
        }
    }

    public void Check(HeapType h, int? function = null, int offset = -1)
    {
        if (h.IsConcrete && (uint)h.Index >= (uint)_canonical.Length)
        {
            throw new WasmValidationException($"unknown type {h.Index}", function, offset);
        }
    }

    private static void CheckGroup(List<SubType> types, RecGroup group, int[] ids)
    {
        int end = group.Start + group.Count;
        for (int i = group.Start; i < end; i++)
        {
            var st = types[i];
            if (st.SuperTypes.Length > 1)
            {
                throw new WasmValidationException("multiple supertypes");
            }

            foreach (int s in st.SuperTypes)
            {
                CheckIndex(s, end);
            }

            switch (st.Composite)
            {
                case FuncType f:
                    foreach (var t in f.Params)
                    {
                        CheckIndex(t, end);
                    }

                    foreach (var t in f.Results)
                    {
                        CheckIndex(t, end);
                    }

                    break;
                case StructType s:
                    foreach (var field in s.Fields)
                    {
                        CheckIndex(field.Type, end);
                    }

                    break;
                case ArrayType a:
                    CheckIndex(a.Element.Type, end);
                    break;
            }
        }

        CanonicalTypes.CanonicalizeGroup(types, group, ids);

        for (int x = group.Start; x < end; x++)
        {
            var st = types[x];
            if (st.SuperTypes.Length == 0)
            {
                continue;
            }

            int xi = st.SuperTypes[0];
            if (xi >= x)
            {
                throw new WasmValidationException($"forward use of type {xi} in sub type definition");
            }

            var super = CanonicalTypes.Get(ids[xi]);
            if (super.Final)
            {
                throw new WasmValidationException($"sub type {x} has final super type {xi}");
            }

            if (!CanonicalTypes.CompositeMatches(CanonicalTypes.Get(ids[x]).Composite, super.Composite))
            {
                throw new WasmValidationException($"sub type {x} does not match super type {xi}");
            }
        }
    }

    private static void CheckIndex(ValType t, int end)
    {
        if (t.IsRef && t.Heap.IsConcrete)
        {
            CheckIndex(t.Heap.Index, end);
        }
    }

    private static void CheckIndex(int index, int end)
    {
        if ((uint)index >= (uint)end)
        {
            throw new WasmValidationException($"unknown type {index}");
        }
    }
}
