namespace Kiln.Wasi;

/// <summary>An open directory: a preopen (with its guest name) or one opened below a preopen.</summary>
internal sealed class DirectoryDescriptor(HostFd fd, string? preopenPath, bool readOnly, bool readable = true) : Descriptor
{
    internal HostFd Fd { get; } = fd;

    /// <summary>The name the guest sees for a preopen; null for directories opened with path_open.</summary>
    internal string? PreopenPath { get; } = preopenPath;

    /// <summary>Inherited from the preopen: mutations below it fail with EPERM, as Wasmtime's read-only dirs do.</summary>
    internal bool ReadOnly { get; } = readOnly;

    /// <summary>Opened with the fd_read right; fd_fdstat_get reports read rights only then, as Wasmtime does.</summary>
    internal bool Readable { get; } = readable;

    public override void Dispose() => Fd.Dispose();
}
