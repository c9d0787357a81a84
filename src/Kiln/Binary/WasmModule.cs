namespace Kiln.Binary;

/// <summary>
/// A decoded module: what the binary decoder and the text parser both produce, and what the validator,
/// the writer and the compiler read. Index spaces put imports first, then definitions.
/// </summary>
internal sealed class WasmModule
{
    /// <summary>Every type definition, in order; <see cref="RecGroups"/> says how they are grouped.</summary>
    public List<SubType> Types { get; } = [];
    public List<RecGroup> RecGroups { get; } = [];
    public List<Import> Imports { get; } = [];

    /// <summary>The type index of each defined (non-imported) function.</summary>
    public List<int> Functions { get; } = [];
    public List<Table> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<Global> Globals { get; } = [];

    /// <summary>The type index (a function type with no results) of each defined tag.</summary>
    public List<int> Tags { get; } = [];
    public List<Export> Exports { get; } = [];
    public int? Start { get; set; }
    public List<ElementSegment> Elements { get; } = [];
    public uint? DataCount { get; set; }

    /// <summary>One body per entry of <see cref="Functions"/>.</summary>
    public List<FunctionBody> Code { get; } = [];
    public List<DataSegment> Data { get; } = [];
    public List<CustomSection> CustomSections { get; } = [];

    /// <summary>Branch hints given by text-format annotations (binary modules' hint sections stay custom sections).</summary>
    public List<BranchHint> BranchHints { get; } = [];
    public NameSection? Names { get; set; }

    public int ImportedFunctionCount => CountImports(ExternKind.Function);
    public int ImportedTableCount => CountImports(ExternKind.Table);
    public int ImportedMemoryCount => CountImports(ExternKind.Memory);
    public int ImportedGlobalCount => CountImports(ExternKind.Global);
    public int ImportedTagCount => CountImports(ExternKind.Tag);

    private int CountImports(ExternKind kind)
    {
        int n = 0;
        foreach (var import in Imports)
        {
            if (import.Kind == kind)
            {
                n++;
            }
        }

        return n;
    }
}
