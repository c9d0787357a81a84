namespace Kiln;

/// <summary>
/// Instantiation failed because an import could not be satisfied: <see cref="WasmException.Reason"/> is
/// <c>"unknown import"</c> or <c>"incompatible import type"</c>, and the message names the import.
/// </summary>
public sealed class LinkingException : WasmException
{
    /// <summary>Creates the exception for import <paramref name="module"/>.<paramref name="name"/>.</summary>
    public LinkingException(string reason, string module, string name, string? detail = null)
        : base(reason, $"{reason}: {module}::{name}{(detail is null ? "" : " " + detail)}")
    {
        ImportModule = module;
        ImportName = name;
    }

    /// <summary>The module part of the import's name.</summary>
    public string ImportModule { get; }

    /// <summary>The field part of the import's name.</summary>
    public string ImportName { get; }
}
