namespace Kiln;

/// <summary>An import a module needs: <paramref name="Module"/> and <paramref name="Name"/> are the two-level import name.</summary>
/// <param name="Module">The module part of the name, e.g. <c>wasi_snapshot_preview1</c>.</param>
/// <param name="Name">The field part, e.g. <c>fd_write</c>.</param>
/// <param name="Type">What must be supplied.</param>
public sealed record ModuleImport(string Module, string Name, ExternalType Type);
