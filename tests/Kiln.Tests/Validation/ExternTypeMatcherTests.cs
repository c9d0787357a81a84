using Kiln.Binary;
using Kiln.Validation;

namespace Kiln.Tests.Validation;

public class ExternTypeMatcherTests
{
    [Fact]
    public void Limits_match_when_provided_range_lies_within_expected()
    {
        Assert.True(ExternTypeMatcher.LimitsMatch(new Limits(2, 5), new Limits(1, 6)));
        Assert.True(ExternTypeMatcher.LimitsMatch(new Limits(2, null), new Limits(1, null)));
        Assert.False(ExternTypeMatcher.LimitsMatch(new Limits(2, null), new Limits(1, 6)));
        Assert.False(ExternTypeMatcher.LimitsMatch(new Limits(0, 5), new Limits(1, 6)));
        Assert.False(ExternTypeMatcher.LimitsMatch(new Limits(2, 7), new Limits(1, 6)));
    }

    [Fact]
    public void Memories_match_only_when_address_type_and_sharing_agree()
    {
        var m = new MemoryType(new Limits(1, 2));
        Assert.True(ExternTypeMatcher.MemoryMatches(m, m));
        Assert.False(ExternTypeMatcher.MemoryMatches(m with { Is64 = true }, m));
        Assert.False(ExternTypeMatcher.MemoryMatches(m with { Shared = true }, m));
    }

    [Fact]
    public void Globals_match_covariantly_only_when_immutable()
    {
        var funcRef = ValType.FuncRef;
        var nonNull = ValType.Ref(HeapType.Func, nullable: false);
        Assert.True(ExternTypeMatcher.GlobalMatches(new GlobalType(nonNull, false), new GlobalType(funcRef, false)));
        Assert.False(ExternTypeMatcher.GlobalMatches(new GlobalType(nonNull, true), new GlobalType(funcRef, true)));
        Assert.False(ExternTypeMatcher.GlobalMatches(new GlobalType(funcRef, true), new GlobalType(funcRef, false)));
    }

    [Fact]
    public void Tables_match_only_when_element_types_are_equivalent()
    {
        var t = new TableType(ValType.FuncRef, new Limits(10, 20));
        Assert.True(ExternTypeMatcher.TableMatches(t, t with { Limits = new Limits(5, null) }));
        Assert.False(ExternTypeMatcher.TableMatches(t with { ElementType = ValType.Ref(HeapType.Func, false) }, t));
        Assert.False(ExternTypeMatcher.TableMatches(t with { Is64 = true }, t));
    }
}
