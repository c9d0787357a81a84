namespace Kiln.Wasi;

/// <summary>An open directory: a preopen (with its guest name) or one opened below a preopen.</summary>
internal sealed class DirectoryDescriptor(HostFd fd, string? preopenPath, bool readOnly, bool readable = true) : Descriptor
{
    internal HostFd Fd { get; } = fd;

    /// <summary>The name the guest sees for a preopen; null for directories opened with path_open.</summary>
    internal string? PreopenPath { get; } = preopenPath;

    /// <summary>Inherited from the preopen: mutations below it fail with EPERM, as Wasmtime's read-only dirs do.</summary>
    internal bool ReadOnly { get; } = readOnly;

    /// <summary>Opened for reading (always, unless for writing, which a directory cannot be); fd_fdstat_get reports read rights only then.</summary>
    internal bool Readable { get; } = readable;

    /// <summary>
    /// The entries read by the last fd_readdir that started at cookie 0. Later cookies page through it, so listing a
    /// large directory costs one host read rather than one per call; a guest sees changes when it starts over.
    /// </summary>
    internal List<(string Name, ulong Ino, Filetype Type)>? Listing { get; set; }

    public override void Dispose() => Fd.Dispose();
}
