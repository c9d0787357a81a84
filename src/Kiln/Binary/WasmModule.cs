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

    public int ImportedFunctionCount => ImportCount(ExternKind.Function);
    public int ImportedTableCount => ImportCount(ExternKind.Table);
    public int ImportedMemoryCount => ImportCount(ExternKind.Memory);
    public int ImportedGlobalCount => ImportCount(ExternKind.Global);
    public int ImportedTagCount => ImportCount(ExternKind.Tag);

    /// <summary>How many items of <paramref name="kind"/> the module has: imported, then defined.</summary>
    public int IndexSpaceSize(ExternKind kind) => ImportCount(kind) + kind switch
    {
        ExternKind.Function => Functions.Count,
        ExternKind.Table => Tables.Count,
        ExternKind.Memory => Memories.Count,
        ExternKind.Global => Globals.Count,
        _ => Tags.Count,
    };

    /// <summary>The type index of function <paramref name="function"/> (imports first).</summary>
    public int FunctionTypeIndex(int function)
    {
        int imported = ImportedFunctionCount;
        return function < imported ? NthImport(ExternKind.Function, function).TypeIndex : Functions[function - imported];
    }

    /// <summary>The type index of tag <paramref name="tag"/> (imports first).</summary>
    public int TagTypeIndex(int tag)
    {
        int imported = ImportedTagCount;
        return tag < imported ? NthImport(ExternKind.Tag, tag).TypeIndex : Tags[tag - imported];
    }

    /// <summary>The type of table <paramref name="table"/> (imports first).</summary>
    public TableType TableTypeAt(int table)
    {
        int imported = ImportedTableCount;
        return table < imported ? NthImport(ExternKind.Table, table).Table : Tables[table - imported].Type;
    }

    /// <summary>The type of memory <paramref name="memory"/> (imports first).</summary>
    public MemoryType MemoryTypeAt(int memory)
    {
        int imported = ImportedMemoryCount;
        return memory < imported ? NthImport(ExternKind.Memory, memory).Memory : Memories[memory - imported];
    }

    /// <summary>The type of global <paramref name="global"/> (imports first).</summary>
    public GlobalType GlobalTypeAt(int global)
    {
        int imported = ImportedGlobalCount;
        return global < imported ? NthImport(ExternKind.Global, global).Global : Globals[global - imported].Type;
    }

    private Import NthImport(ExternKind kind, int index)
    {
        int n = 0;
        foreach (var import in Imports)
        {
            if (import.Kind == kind && n++ == index)
            {
                return import;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(index), $"no imported {kind} {index}");
    }

    /// <summary>How many imports of <paramref name="kind"/> the module has.</summary>
    public int ImportCount(ExternKind kind)
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
