using Kiln.Binary;

namespace Kiln.Text;

/// <summary>A module written in a script. <see cref="Name"/> is its <c>$id</c>, if any; <see cref="IsDefinition"/> for <c>(module definition ...)</c>.</summary>
internal sealed record WastModule(WastModuleKind Kind, string? Name)
{
    public bool IsDefinition { get; init; }

    /// <summary>The parsed module of a <see cref="WastModuleKind.Text"/> module.</summary>
    public WasmModule? Parsed { get; init; }

    /// <summary>The joined strings of a <see cref="WastModuleKind.Binary"/> module (Wasm bytes) or a <see cref="WastModuleKind.Quote"/> one (UTF-8 text).</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>1-based line of <c>(module</c> in the script.</summary>
    public int Line { get; init; }
}
