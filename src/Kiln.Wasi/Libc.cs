using System.Runtime.InteropServices;

namespace Kiln.Wasi;

/// <summary>The Linux libc calls the sandbox is built on: every path operation is relative to a directory fd.</summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 1;
    internal const int O_RDWR = 2;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_NOCTTY = 0x100;
    internal const int O_TRUNC = 0x200;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_PATH = 0x200000;

    // The two flags whose values differ between x86-64 and the asm-generic ABI (arm64).
    internal static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;
    internal static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int AT_REMOVEDIR = 0x200;
    internal const int AT_SYMLINK_FOLLOW = 0x400;
    internal const int AT_EMPTY_PATH = 0x1000;

    internal const uint STATX_BASIC_STATS = 0x7ff;
    internal const int StatxSize = 256;

    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFSOCK = 0xC000;
    internal const uint S_IFLNK = 0xA000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFBLK = 0x6000;
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFCHR = 0x2000;

    internal const long UTIME_NOW = (1L << 30) - 1;
    internal const long UTIME_OMIT = (1L << 30) - 2;

    internal const int RWF_APPEND = 0x10;

    internal const byte DT_UNKNOWN = 0;
    internal const byte DT_FIFO = 1;
    internal const byte DT_CHR = 2;
    internal const byte DT_DIR = 4;
    internal const byte DT_BLK = 6;
    internal const byte DT_REG = 8;
    internal const byte DT_LNK = 10;
    internal const byte DT_SOCK = 12;

    // glibc's 64-bit struct dirent: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name.
    internal const int DirentTypeOffset = 18;
    internal const int DirentNameOffset = 19;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        internal long Seconds;
        internal long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Iovec
    {
        internal byte* Base;
        internal nuint Length;
    }

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int openat(int dirfd, byte* path, int flags, int mode);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint pread(int fd, byte* buf, nuint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint pwrite(int fd, byte* buf, nuint count, long offset);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint pwritev2(int fd, Iovec* iov, int iovcnt, long offset, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fdatasync(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    /// <summary>Returns the error number instead of setting errno.</summary>
    [LibraryImport(Lib)]
    internal static partial int posix_fadvise(int fd, long offset, long len, int advice);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint readlinkat(int dirfd, byte* path, byte* buf, nuint size);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int mkdirat(int dirfd, byte* path, int mode);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int renameat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int symlinkat(byte* target, int newdirfd, byte* linkpath);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int utimensat(int dirfd, byte* path, Timespec* times, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int futimens(int fd, Timespec* times);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint fdopendir(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint readdir(nint dir);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int closedir(nint dir);

    [LibraryImport(Lib)]
    internal static partial int isatty(int fd);

    /// <summary>The errno of the last failed call.</summary>
    internal static int LastErrno => Marshal.GetLastPInvokeError();
}
