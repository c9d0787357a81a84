using Kiln.Binary;
using Kiln.Validation;
using static Kiln.Tests.Validation.TestModules;

namespace Kiln.Tests.Validation;

public class TypeCanonicalizationTests
{
    private static ValType Ref(int index, bool nullable = false) => ValType.Ref(HeapType.OfIndex(index), nullable);

    /// <summary>A rec group of two function types referring to each other, after <paramref name="padding"/> unrelated types.</summary>
    private static WasmModule MutualRecursion(int padding, ValType extra)
    {
        var m = new WasmModule();
        for (int i = 0; i < padding; i++)
        {
            AddType(m, Sig([ValType.F64, ValType.F64], []));
        }

        int a = m.Types.Count;
        m.Types.Add(new SubType(Sig([Ref(a + 1)], []), true, []));
        m.Types.Add(new SubType(Sig([Ref(a), extra], []), true, []));
        m.RecGroups.Add(new RecGroup(a, 2));
        return m;
    }

    [Fact]
    public void Canonical_ids_are_equal_when_rec_groups_are_equivalent_across_modules()
    {
        var t1 = ModuleTypes.Create(MutualRecursion(0, ValType.I32));
        var t2 = ModuleTypes.Create(MutualRecursion(3, ValType.I32));
        Assert.Equal(t1.CanonicalId(0), t2.CanonicalId(3));
        Assert.Equal(t1.CanonicalId(1), t2.CanonicalId(4));
        Assert.NotEqual(t1.CanonicalId(0), t1.CanonicalId(1));
    }

    [Fact]
    public void Canonical_ids_differ_when_rec_groups_differ()
    {
        var t1 = ModuleTypes.Create(MutualRecursion(0, ValType.I32));
        var t2 = ModuleTypes.Create(MutualRecursion(0, ValType.I64));
        Assert.NotEqual(t1.CanonicalId(0), t2.CanonicalId(0));
    }

    [Fact]
    public void Canonical_ids_differ_when_same_types_are_grouped_differently()
    {
        var separate = new WasmModule();
        AddType(separate, Sig([], []));
        var grouped = new WasmModule();
        grouped.Types.Add(new SubType(Sig([], []), true, []));
        grouped.Types.Add(new SubType(Sig([], []), true, []));
        grouped.RecGroups.Add(new RecGroup(0, 2));
        var ts = ModuleTypes.Create(separate);
        var tg = ModuleTypes.Create(grouped);
        Assert.NotEqual(ts.CanonicalId(0), tg.CanonicalId(0));
        Assert.NotEqual(tg.CanonicalId(0), tg.CanonicalId(1));
    }

    [Fact]
    public void Subtyping_follows_declared_supertypes()
    {
        var m = new WasmModule();
        int root = AddType(m, new StructType([]), final: false);
        int sub = AddType(m, new StructType([new FieldType(ValType.I32, false)]), false, root);
        int other = AddType(m, new StructType([new FieldType(ValType.I32, false)]));
        var types = ModuleTypes.Create(m);
        Assert.True(types.Matches(Ref(sub), Ref(root)));
        Assert.False(types.Matches(Ref(root), Ref(sub)));
        Assert.False(types.Matches(Ref(other), Ref(root)));
        Assert.True(types.Matches(Ref(other), ValType.Ref(new HeapType(HeapKind.Eq), false)));
        Assert.True(types.Matches(ValType.Ref(new HeapType(HeapKind.None), true), Ref(sub, nullable: true)));
        Assert.False(types.Matches(Ref(sub, nullable: true), Ref(root)));
        Assert.True(CanonicalTypes.IsSubtype(types.CanonicalId(sub), types.CanonicalId(root)));
    }

    [Fact]
    public void Create_rejects_subtype_when_structure_does_not_match()
    {
        var m = new WasmModule();
        int root = AddType(m, new StructType([new FieldType(ValType.I32, false)]), final: false);
        AddType(m, new StructType([new FieldType(ValType.I64, false)]), false, root);
        Assert.Equal("sub type 1 does not match super type 0", Assert.Throws<WasmValidationException>(() => ModuleTypes.Create(m)).Reason);
    }

    [Fact]
    public void Create_rejects_subtype_when_supertype_is_final()
    {
        var m = new WasmModule();
        int root = AddType(m, new StructType([]), final: true);
        AddType(m, new StructType([]), false, root);
        Assert.StartsWith("sub type 1", Assert.Throws<WasmValidationException>(() => ModuleTypes.Create(m)).Reason);
    }

    [Fact]
    public void Create_rejects_reference_when_type_lies_beyond_its_rec_group()
    {
        var m = new WasmModule();
        AddType(m, Sig([Ref(1)], []));
        AddType(m, Sig([], []));
        Assert.Equal("unknown type 1", Assert.Throws<WasmValidationException>(() => ModuleTypes.Create(m)).Reason);
    }
}
