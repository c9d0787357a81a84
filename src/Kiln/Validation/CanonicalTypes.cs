using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// The process-wide registry of canonical types. Recursion groups are canonicalised iso-recursively: two
/// groups with the same structure (inner references relative, outer references by canonical id) get the
/// same ids, whichever module defines them, so type equality is id equality everywhere (call_indirect
/// signature checks, import matching, casts). Entries are never removed.
/// </summary>
internal static class CanonicalTypes
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<RecGroupKey, int> Groups = [];
    private static volatile CanonicalType[] _types = new CanonicalType[256];
    private static int _count;

    /// <summary>The canonical type with id <paramref name="id"/>.</summary>
    public static CanonicalType Get(int id) => _types[id];

    /// <summary>
    /// Assigns canonical ids to the types of one recursion group. <paramref name="ids"/> is indexed by module
    /// type index; entries before <paramref name="group"/> must be filled already. Type references must have
    /// been checked to lie before the group's end.
    /// </summary>
    public static void CanonicalizeGroup(IReadOnlyList<SubType> types, RecGroup group, int[] ids)
    {
        var code = new List<int>();
        for (int i = 0; i < group.Count; i++)
        {
            Encode(types[group.Start + i], group, ids, code);
        }

        var key = new RecGroupKey([.. code]);
        lock (Gate)
        {
            if (!Groups.TryGetValue(key, out int first))
            {
                first = _count;
                Add(types, group, ids, first);
                Groups.Add(key, first);
            }

            for (int i = 0; i < group.Count; i++)
            {
                ids[group.Start + i] = first + i;
            }
        }
    }

    /// <summary>Whether canonical type <paramref name="sub"/> is <paramref name="super"/> or declares it as an ancestor.</summary>
    public static bool IsSubtype(int sub, int super)
    {
        if (sub == super)
        {
            return true;
        }

        var types = _types;
        var chain = types[sub].Ancestors;
        int depth = types[super].Ancestors.Length - 1;
        return depth < chain.Length && chain[depth] == super;
    }

    /// <summary>Value type subtyping over canonical-space types; the unknown type matches everything.</summary>
    public static bool Matches(ValType a, ValType b)
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

    /// <summary>Heap type subtyping over canonical-space heap types.</summary>
    public static bool HeapMatches(HeapType a, HeapType b)
    {
        if (a == b || a.Kind == StackTypes.BottomHeap)
        {
            return true;
        }

        return b.Kind switch
        {
            HeapKind.Concrete => a.Kind switch
            {
                HeapKind.Concrete => IsSubtype(a.Index, b.Index),
                HeapKind.None => !Get(b.Index).IsFunc,
                HeapKind.NoFunc => Get(b.Index).IsFunc,
                _ => false,
            },
            HeapKind.Any => a.Kind is HeapKind.Eq or HeapKind.I31 or HeapKind.Struct or HeapKind.Array or HeapKind.None
                || (a.Kind == HeapKind.Concrete && !Get(a.Index).IsFunc),
            HeapKind.Eq => a.Kind is HeapKind.I31 or HeapKind.Struct or HeapKind.Array or HeapKind.None
                || (a.Kind == HeapKind.Concrete && !Get(a.Index).IsFunc),
            HeapKind.I31 => a.Kind == HeapKind.None,
            HeapKind.Struct => a.Kind == HeapKind.None || (a.Kind == HeapKind.Concrete && Get(a.Index).IsStruct),
            HeapKind.Array => a.Kind == HeapKind.None || (a.Kind == HeapKind.Concrete && Get(a.Index).IsArray),
            HeapKind.Func => a.Kind == HeapKind.NoFunc || (a.Kind == HeapKind.Concrete && Get(a.Index).IsFunc),
            HeapKind.Extern => a.Kind == HeapKind.NoExtern,
            HeapKind.Exn => a.Kind == HeapKind.NoExn,
            _ => false,
        };
    }

    /// <summary>The top of the hierarchy a canonical-space heap type belongs to (any, func, extern or exn).</summary>
    public static HeapKind Top(HeapType h) => h.Kind switch
    {
        HeapKind.Concrete => Get(h.Index).IsFunc ? HeapKind.Func : HeapKind.Any,
        HeapKind.Func or HeapKind.NoFunc => HeapKind.Func,
        HeapKind.Extern or HeapKind.NoExtern => HeapKind.Extern,
        HeapKind.Exn or HeapKind.NoExn => HeapKind.Exn,
        _ => HeapKind.Any,
    };

    /// <summary>Whether canonical composite type <paramref name="sub"/> may declare <paramref name="super"/> as its supertype.</summary>
    public static bool CompositeMatches(CompositeType sub, CompositeType super)
    {
        switch (sub, super)
        {
            case (FuncType f1, FuncType f2):
                if (f1.Params.Length != f2.Params.Length || f1.Results.Length != f2.Results.Length)
                {
                    return false;
                }

                for (int i = 0; i < f1.Params.Length; i++)
                {
                    if (!Matches(f2.Params[i], f1.Params[i]))
                    {
                        return false;
                    }
                }

                for (int i = 0; i < f1.Results.Length; i++)
                {
                    if (!Matches(f1.Results[i], f2.Results[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (StructType s1, StructType s2):
                if (s1.Fields.Length < s2.Fields.Length)
                {
                    return false;
                }

                for (int i = 0; i < s2.Fields.Length; i++)
                {
                    if (!FieldMatches(s1.Fields[i], s2.Fields[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (ArrayType a1, ArrayType a2):
                return FieldMatches(a1.Element, a2.Element);
            default:
                return false;
        }
    }

    private static bool FieldMatches(FieldType a, FieldType b) =>
        a.Mutable == b.Mutable && Matches(a.Type, b.Type) && (!a.Mutable || Matches(b.Type, a.Type));

    private static void Add(IReadOnlyList<SubType> types, RecGroup group, int[] ids, int first)
    {
        var built = new CanonicalType[group.Count];
        for (int i = 0; i < group.Count; i++)
        {
            var st = types[group.Start + i];
            int super = st.SuperTypes.Length > 0 ? Resolve(st.SuperTypes[0], group, ids, first) : -1;
            int[] ancestors;
            if (super >= 0 && super < first + i)
            {
                var parent = super >= first ? built[super - first].Ancestors : Get(super).Ancestors;
                ancestors = [.. parent, first + i];
            }
            else
            {
                // No supertype, or a forward one that validation rejects: the type is its own root.
                ancestors = [first + i];
            }

            built[i] = new CanonicalType(first + i, Convert(st.Composite, group, ids, first), st.Final, super, ancestors);
        }

        var array = _types;
        if (first + group.Count > array.Length)
        {
            var grown = new CanonicalType[Math.Max(array.Length * 2, first + group.Count)];
            Array.Copy(array, grown, _count);
            array = grown;
        }

        built.CopyTo(array, first);
        _types = array;
        _count = first + group.Count;
    }

    private static int Resolve(int index, RecGroup group, int[] ids, int first) =>
        index >= group.Start ? first + (index - group.Start) : ids[index];

    private static ValType Convert(ValType t, RecGroup group, int[] ids, int first) =>
        t.IsRef && t.Heap.IsConcrete ? t with { Heap = HeapType.OfIndex(Resolve(t.Heap.Index, group, ids, first)) } : t;

    private static CompositeType Convert(CompositeType c, RecGroup group, int[] ids, int first)
    {
        switch (c)
        {
            case FuncType f:
                var ps = new ValType[f.Params.Length];
                for (int i = 0; i < ps.Length; i++)
                {
                    ps[i] = Convert(f.Params[i], group, ids, first);
                }

                var rs = new ValType[f.Results.Length];
                for (int i = 0; i < rs.Length; i++)
                {
                    rs[i] = Convert(f.Results[i], group, ids, first);
                }

                return new FuncType(ps, rs);
            case StructType s:
                var fs = new FieldType[s.Fields.Length];
                for (int i = 0; i < fs.Length; i++)
                {
                    fs[i] = s.Fields[i] with { Type = Convert(s.Fields[i].Type, group, ids, first) };
                }

                return new StructType(fs);
            case ArrayType a:
                return new ArrayType(a.Element with { Type = Convert(a.Element.Type, group, ids, first) });
            default:
                throw new InvalidOperationException("unknown composite type");
        }
    }

    private static void Encode(SubType st, RecGroup group, int[] ids, List<int> code)
    {
        int kind = st.Composite switch
        {
            FuncType => 1,
            StructType => 2,
            ArrayType => 3,
            _ => 0,
        };
        code.Add(kind | (st.Final ? 0x10 : 0) | (st.SuperTypes.Length << 8));
        foreach (int s in st.SuperTypes)
        {
            EncodeIndex(s, group, ids, code);
        }

        switch (st.Composite)
        {
            case FuncType f:
                code.Add(f.Params.Length);
                foreach (var t in f.Params)
                {
                    Encode(t, group, ids, code);
                }

                code.Add(f.Results.Length);
                foreach (var t in f.Results)
                {
                    Encode(t, group, ids, code);
                }

                break;
            case StructType s:
                code.Add(s.Fields.Length);
                foreach (var field in s.Fields)
                {
                    code.Add(field.Mutable ? 1 : 0);
                    Encode(field.Type, group, ids, code);
                }

                break;
            case ArrayType a:
                code.Add(a.Element.Mutable ? 1 : 0);
                Encode(a.Element.Type, group, ids, code);
                break;
        }
    }

    private static void Encode(ValType t, RecGroup group, int[] ids, List<int> code)
    {
        code.Add((int)t.Kind | (t.Nullable ? 0x100 : 0) | ((int)t.Heap.Kind << 16));
        if (t.IsRef && t.Heap.IsConcrete)
        {
            EncodeIndex(t.Heap.Index, group, ids, code);
        }
    }

    private static void EncodeIndex(int index, RecGroup group, int[] ids, List<int> code) =>
        code.Add(index >= group.Start ? -1 - (index - group.Start) : ids[index]);
}
