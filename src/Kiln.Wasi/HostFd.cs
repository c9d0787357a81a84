using System.Runtime.InteropServices;

namespace Kiln.Wasi;

/// <summary>An owned host file descriptor, closed exactly once.</summary>
internal sealed class HostFd : SafeHandle
{
    internal HostFd(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    /// <summary>The raw descriptor number; valid while this object is alive.</summary>
    internal int Fd => (int)handle;

    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
