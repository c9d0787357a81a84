using Kiln.Binary;

namespace Kiln.Validation;

/// <summary>
/// What function bodies and constant expressions are checked against: the module's index spaces with
/// imports first (types of functions, tables, memories, globals, tags, element segments), the number of
/// data segments, and which functions <c>ref.func</c> may name.
/// </summary>
internal sealed class ValidationContext(WasmModule module, ModuleTypes types)
{
    public WasmModule Module { get; } = module;
    public ModuleTypes Types { get; } = types;

    /// <summary>Type index of each function.</summary>
    public List<int> Functions { get; } = [];
    public List<TableType> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<GlobalType> Globals { get; } = [];

    /// <summary>Type index of each tag.</summary>
    public List<int> Tags { get; } = [];
    public List<ValType> ElementTypes { get; } = [];
    public int DataCount { get; set; }

    /// <summary>Functions referenced outside function bodies (exports, segments, globals...), which ref.func may name.</summary>
    public HashSet<int> DeclaredFunctions { get; } = [];
}
