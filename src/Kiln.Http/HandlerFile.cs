namespace Kiln.Http;

/// <summary>A host directory a handler sees, under <paramref name="GuestPath"/>.</summary>
/// <param name="HostPath">The host directory (absolute).</param>
/// <param name="GuestPath">The name inside the guest, e.g. <c>/</c> or <c>/static</c>.</param>
/// <param name="ReadOnly">Refuse every change below it (the default for served files).</param>
public sealed record HandlerFile(string HostPath, string GuestPath, bool ReadOnly = true);
