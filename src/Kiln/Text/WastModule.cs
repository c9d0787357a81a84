using Kiln.Binary;

namespace Kiln.Text;

/// <summary>A module written in a script. <see cref="Name"/> is its <c>$id</c>, if any; <see cref="IsDefinition"/> for <c>(module definition ...)</c>.</summary>
internal sealed record WastModule(WastModuleKind Kind, string? Name)
{
    public bool IsDefinition { get; init; }
    public WasmModule? Parsed { get; init; }
    public byte[]? Bytes { get; init; }
    public string? Source { get; init; }
}
