namespace Kiln.Runtime;

/// <summary>Instantiation failed while resolving imports: <see cref="WasmException.Reason"/> is "unknown import" or "incompatible import type".</summary>
internal sealed class LinkException(string reason, string module, string name)
    : WasmException(reason, $"{reason}: \"{module}\" \"{name}\"")
{
    public string ImportModule { get; } = module;
    public string ImportName { get; } = name;
}
