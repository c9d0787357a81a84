using Kiln.Binary;
using Kiln.Validation;

namespace Kiln.Wast;

/// <summary>
/// Decides whether an export can satisfy an import (the spec's import matching), with the validator's
/// <see cref="ExternTypeMatcher"/> over canonical types, so that types from different modules compare correctly.
/// </summary>
internal static class WastImportMatcher
{
    public const string Incompatible = "incompatible import type";

    /// <summary>
    /// True when <paramref name="export"/> of the validated <paramref name="exporter"/> matches <paramref name="import"/>
    /// of <paramref name="importer"/>; <paramref name="currentSize"/>, when known, is the exported memory's or table's
    /// size now, which replaces its declared minimum.
    /// </summary>
    public static bool Matches(ValidationContext importer, Import import, ValidationContext exporter, Export export, ulong? currentSize = null)
    {
        if (import.Kind != export.Kind)
        {
            return false;
        }

        var theirs = exporter.Types;
        var ours = importer.Types;
        return import.Kind switch
        {
            ExternKind.Function => ExternTypeMatcher.FunctionMatches(theirs.CanonicalId(exporter.Functions[export.Index]), ours.CanonicalId(import.TypeIndex)),
            ExternKind.Tag => ExternTypeMatcher.TagMatches(theirs.CanonicalId(exporter.Tags[export.Index]), ours.CanonicalId(import.TypeIndex)),
            ExternKind.Table => ExternTypeMatcher.TableMatches(Now(theirs.ToCanonical(exporter.Tables[export.Index]), currentSize), ours.ToCanonical(import.Table)),
            ExternKind.Memory => ExternTypeMatcher.MemoryMatches(Now(exporter.Memories[export.Index], currentSize), import.Memory),
            ExternKind.Global => ExternTypeMatcher.GlobalMatches(theirs.ToCanonical(exporter.Globals[export.Index]), ours.ToCanonical(import.Global)),
            _ => false,
        };
    }

    private static TableType Now(TableType type, ulong? size) => size is { } n ? type with { Limits = type.Limits with { Min = n } } : type;

    private static MemoryType Now(MemoryType type, ulong? size) => size is { } n ? type with { Limits = type.Limits with { Min = n } } : type;
}
