using System.Text;

namespace Kiln.Wasi;

/// <summary>Thin wrappers over the *at() calls: one directory fd plus one path component, never a host path.</summary>
internal static unsafe class HostFs
{
    internal static byte[] NativeName(string name)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }

    internal static Errno Stat(int dirfd, string name, bool follow, out HostStat stat)
    {
        Span<byte> buf = stackalloc byte[Libc.StatxSize];
        var n = NativeName(name);
        fixed (byte* p = n)
        fixed (byte* b = buf)
        {
            if (Libc.statx(dirfd, p, follow ? 0 : Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, b) != 0)
            {
                stat = default;
                return LinuxErrno.Last;
            }
        }
        stat = HostStat.FromStatx(buf);
        return Errno.Success;
    }

    internal static Errno StatFd(int fd, out HostStat stat)
    {
        Span<byte> buf = stackalloc byte[Libc.StatxSize];
        byte empty = 0;
        fixed (byte* b = buf)
        {
            if (Libc.statx(fd, &empty, Libc.AT_EMPTY_PATH, Libc.STATX_BASIC_STATS, b) != 0)
            {
                stat = default;
                return LinuxErrno.Last;
            }
        }
        stat = HostStat.FromStatx(buf);
        return Errno.Success;
    }

    internal static Errno Open(int dirfd, string name, int flags, out HostFd? fd)
    {
        var n = NativeName(name);
        int r;
        fixed (byte* p = n)
        {
            r = Libc.openat(dirfd, p, flags | Libc.O_CLOEXEC | Libc.O_NOCTTY, 0x1B6);
        }
        if (r < 0)
        {
            fd = null;
            return LinuxErrno.Last;
        }
        fd = new HostFd(r);
        return Errno.Success;
    }

    internal static Errno ReadLink(int dirfd, string name, out byte[] target)
    {
        var n = NativeName(name);
        var buf = new byte[4096];
        nint r;
        fixed (byte* p = n)
        fixed (byte* b = buf)
        {
            r = Libc.readlinkat(dirfd, p, b, (nuint)buf.Length);
        }
        if (r < 0)
        {
            target = [];
            return LinuxErrno.Last;
        }
        target = buf[..(int)r];
        return Errno.Success;
    }

    internal static Errno Check(int result) => result == 0 ? Errno.Success : LinuxErrno.Last;
}
