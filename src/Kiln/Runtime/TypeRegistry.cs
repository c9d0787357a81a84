using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>
/// Process-wide canonical type ids: structurally identical recursion groups (iso-recursive equivalence) get the same
/// ids in every module, so <c>call_indirect</c> and import matching compare one integer, then walk declared
/// supertypes for GC subtyping.
/// </summary>
internal static class TypeRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Groups = new(StringComparer.Ordinal);
    private static readonly List<Entry> Entries = [];
    private static readonly ConditionalWeakTable<FuncType, StrongBox<int>> FuncTypeIds = [];

    /// <summary>The canonical id of every type index of <paramref name="module"/>.</summary>
    public static int[] Canonicalize(WasmModule module)
    {
        var ids = new int[module.Types.Count];
        lock (Gate)
        {
            foreach (var group in module.RecGroups)
            {
                var key = new StringBuilder();
                for (int i = group.Start; i < group.Start + group.Count; i++)
                {
                    AppendSubType(key, module.Types[i], group, ids);
                    key.Append('|');
                }

                string k = key.ToString();
                if (!Groups.TryGetValue(k, out int first))
                {
                    first = Entries.Count;
                    Groups.Add(k, first);
                    for (int i = group.Start; i < group.Start + group.Count; i++)
                    {
                        var sub = module.Types[i];
                        int super = -1;
                        if (sub.SuperTypes.Length > 0)
                        {
                            int s = sub.SuperTypes[0];
                            super = s >= group.Start && s < group.Start + group.Count ? first + (s - group.Start) : ids[s];
                        }

                        Entries.Add(new Entry(super, sub.Composite switch
                        {
                            FuncType => HeapKind.Func,
                            StructType => HeapKind.Struct,
                            _ => HeapKind.Array,
                        }, sub.AsFunc));
                    }
                }

                for (int i = 0; i < group.Count; i++)
                {
                    ids[group.Start + i] = first + i;
                }
            }
        }

        return ids;
    }

    /// <summary>
    /// The canonical id of a standalone function type (a host function's signature); its types must not name type indices.
    /// Remembered per <see cref="FuncType"/> object: a linker instantiates the same host signature once per instance,
    /// and canonicalising builds a module and a string key each time.
    /// </summary>
    public static int OfFuncType(FuncType type) =>
        FuncTypeIds.GetValue(type, static t =>
        {
            var m = new WasmModule();
            m.Types.Add(new SubType(t, true, []));
            m.RecGroups.Add(new RecGroup(0, 1));
            return new StrongBox<int>(Canonicalize(m)[0]);
        }).Value;

    /// <summary>The function type behind a canonical id (null for struct and array types).</summary>
    public static FuncType? FuncTypeOf(int id)
    {
        lock (Gate)
        {
            return Entries[id].Func;
        }
    }

    /// <summary>True when canonical type <paramref name="sub"/> is <paramref name="super"/> or declares it as an ancestor.</summary>
    public static bool IsSubtype(int sub, int super)
    {
        lock (Gate)
        {
            for (int t = sub; t >= 0; t = Entries[t].Super)
            {
                if (t == super)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Value subtyping between types of two modules (each with its canonical ids).</summary>
    public static bool IsValSubtype(ValType a, int[] idsA, ValType b, int[] idsB)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        if (!a.IsRef)
        {
            return true;
        }

        if (a.Nullable && !b.Nullable)
        {
            return false;
        }

        return IsHeapSubtype(a.Heap, idsA, b.Heap, idsB);
    }

    private static bool IsHeapSubtype(HeapType a, int[] idsA, HeapType b, int[] idsB)
    {
        if (a.IsConcrete && b.IsConcrete)
        {
            return IsSubtype(idsA[a.Index], idsB[b.Index]);
        }

        HeapKind ka = a.IsConcrete ? KindOf(idsA[a.Index]) : a.Kind;
        if (b.IsConcrete)
        {
            // Only the bottom types sit below a concrete type.
            HeapKind kb = KindOf(idsB[b.Index]);
            return (a.Kind == HeapKind.NoFunc && kb == HeapKind.Func)
                || (a.Kind == HeapKind.None && kb is HeapKind.Struct or HeapKind.Array);
        }

        return IsAbstractSubtype(ka, b.Kind);
    }

    private static bool IsAbstractSubtype(HeapKind a, HeapKind b)
    {
        if (a == b)
        {
            return true;
        }

        return b switch
        {
            HeapKind.Any => a is HeapKind.Eq or HeapKind.I31 or HeapKind.Struct or HeapKind.Array or HeapKind.None,
            HeapKind.Eq => a is HeapKind.I31 or HeapKind.Struct or HeapKind.Array or HeapKind.None,
            HeapKind.I31 or HeapKind.Struct or HeapKind.Array => a == HeapKind.None,
            HeapKind.Func => a == HeapKind.NoFunc,
            HeapKind.Extern => a == HeapKind.NoExtern,
            HeapKind.Exn => a == HeapKind.NoExn,
            _ => false,
        };
    }

    private static HeapKind KindOf(int id)
    {
        lock (Gate)
        {
            return Entries[id].Kind;
        }
    }

    private static void AppendSubType(StringBuilder key, SubType sub, RecGroup group, int[] ids)
    {
        key.Append(sub.Final ? 'f' : 'o');
        foreach (int s in sub.SuperTypes)
        {
            key.Append('<');
            AppendIndex(key, s, group, ids);
        }

        switch (sub.Composite)
        {
            case FuncType f:
                key.Append("func(");
                foreach (var p in f.Params)
                {
                    AppendVal(key, p, group, ids);
                }

                key.Append(")(");
                foreach (var r in f.Results)
                {
                    AppendVal(key, r, group, ids);
                }

                key.Append(')');
                break;
            case StructType s:
                key.Append("struct(");
                foreach (var field in s.Fields)
                {
                    key.Append(field.Mutable ? 'm' : 'c');
                    AppendVal(key, field.Type, group, ids);
                }

                key.Append(')');
                break;
            case ArrayType a:
                key.Append("array(").Append(a.Element.Mutable ? 'm' : 'c');
                AppendVal(key, a.Element.Type, group, ids);
                key.Append(')');
                break;
        }
    }

    private static void AppendVal(StringBuilder key, ValType t, RecGroup group, int[] ids)
    {
        key.Append(((byte)t.Kind).ToString("x2", CultureInfo.InvariantCulture));
        if (t.IsRef)
        {
            key.Append(t.Nullable ? 'n' : '!');
            if (t.Heap.IsConcrete)
            {
                AppendIndex(key, t.Heap.Index, group, ids);
            }
            else
            {
                key.Append(((byte)t.Heap.Kind).ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        key.Append(',');
    }

    private static void AppendIndex(StringBuilder key, int index, RecGroup group, int[] ids)
    {
        if (index >= group.Start && index < group.Start + group.Count)
        {
            key.Append('r').Append(index - group.Start);
        }
        else
        {
            key.Append('c').Append(ids[index]);
        }
    }

    private readonly record struct Entry(int Super, HeapKind Kind, FuncType? Func);
}
