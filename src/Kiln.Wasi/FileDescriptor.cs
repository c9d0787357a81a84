namespace Kiln.Wasi;

/// <summary>
/// An open regular (or other non-directory) file. As in Wasmtime the position lives here, not in the host fd:
/// reads and writes use pread/pwrite at it, so fd_seek never touches the host.
/// </summary>
internal sealed class FileDescriptor(HostFd fd, bool readable, bool writable, bool append, bool nonBlocking, bool readOnlyPreopen) : Descriptor
{
    internal HostFd Fd { get; } = fd;

    internal bool Readable { get; } = readable;

    internal bool Writable { get; } = writable;

    internal ulong Position { get; set; }

    internal bool Append { get; set; } = append;

    internal bool NonBlocking { get; set; } = nonBlocking;

    /// <summary>Opened below a read-only preopen: metadata changes are refused with EPERM.</summary>
    internal bool ReadOnlyPreopen { get; } = readOnlyPreopen;

    public override void Dispose() => Fd.Dispose();
}
