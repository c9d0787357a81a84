namespace Kiln.Binary;

/// <summary>The parsed <c>name</c> custom section (names for traces, tools, and the text writer).</summary>
internal sealed class NameSection
{
    public string? ModuleName { get; set; }
    public Dictionary<int, string> FunctionNames { get; } = [];
    public Dictionary<int, Dictionary<int, string>> LocalNames { get; } = [];
    public Dictionary<int, Dictionary<int, string>> LabelNames { get; } = [];
    public Dictionary<int, string> TypeNames { get; } = [];
    public Dictionary<int, string> TableNames { get; } = [];
    public Dictionary<int, string> MemoryNames { get; } = [];
    public Dictionary<int, string> GlobalNames { get; } = [];
    public Dictionary<int, string> ElementNames { get; } = [];
    public Dictionary<int, string> DataNames { get; } = [];
    public Dictionary<int, Dictionary<int, string>> FieldNames { get; } = [];
    public Dictionary<int, string> TagNames { get; } = [];
}
