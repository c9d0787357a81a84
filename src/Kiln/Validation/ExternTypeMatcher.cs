using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// Import matching (extern type subtyping) over canonical-space types (see <see cref="ModuleTypes.ToCanonical(ValType)"/>):
/// the linker calls these with what an instance provides and what an import asks for, and reports
/// "incompatible import type" when they say no. For tables and memories the provided limits should carry the
/// current size as minimum, as the spec's external types of runtime objects do.
/// </summary>
internal static class ExternTypeMatcher
{
    /// <summary>A function of canonical type <paramref name="actual"/> may be imported as <paramref name="expected"/>.</summary>
    public static bool FunctionMatches(int actual, int expected) => CanonicalTypes.IsSubtype(actual, expected);

    /// <summary>Tables match by address type, limits, and equivalent element types.</summary>
    public static bool TableMatches(TableType actual, TableType expected) =>
        actual.Is64 == expected.Is64 && LimitsMatch(actual.Limits, expected.Limits) && actual.ElementType == expected.ElementType;

    /// <summary>Memories match by address type, sharing, page size and limits.</summary>
    public static bool MemoryMatches(MemoryType actual, MemoryType expected) =>
        actual.Is64 == expected.Is64 && actual.Shared == expected.Shared && actual.PageSizeLog2 == expected.PageSizeLog2
        && LimitsMatch(actual.Limits, expected.Limits);

    /// <summary>Globals match by mutability; a mutable one needs an equivalent type, an immutable one a subtype.</summary>
    public static bool GlobalMatches(GlobalType actual, GlobalType expected) =>
        actual.Mutable == expected.Mutable
        && (expected.Mutable ? actual.Type == expected.Type : CanonicalTypes.Matches(actual.Type, expected.Type));

    /// <summary>Tags match when their canonical types are the same.</summary>
    public static bool TagMatches(int actual, int expected) => actual == expected;

    /// <summary>The provided size range lies within the expected one.</summary>
    public static bool LimitsMatch(Limits actual, Limits expected) =>
        actual.Min >= expected.Min && (expected.Max is not ulong max || (actual.Max is ulong am && am <= max));
}
