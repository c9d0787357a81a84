namespace Kiln.Wasi;

/// <summary>A host directory the guest may use, under the name <paramref name="GuestPath"/>.</summary>
/// <param name="HostPath">The host directory; opened once when the context is created.</param>
/// <param name="GuestPath">The name the guest sees (e.g. "/" or "data").</param>
/// <param name="ReadOnly">Refuse every change below it with <see cref="Errno.Perm"/>, as Wasmtime's read-only preopens do.</param>
public sealed record WasiPreopen(string HostPath, string GuestPath, bool ReadOnly = false);
