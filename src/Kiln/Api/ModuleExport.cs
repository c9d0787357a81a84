namespace Kiln;

/// <summary>Something a module exports under <paramref name="Name"/>.</summary>
/// <param name="Name">The export name.</param>
/// <param name="Type">Its type.</param>
public sealed record ModuleExport(string Name, ExternalType Type);
