using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;

namespace Kiln.Wasi;

public sealed partial class WasiPreview1
{
    private const Fdflags KnownFdflags = Fdflags.Append | Fdflags.Dsync | Fdflags.Nonblock | Fdflags.Rsync | Fdflags.Sync;
    private const int DirentSize = 24;
    private const int FilestatSize = 64;

    // What Wasmtime reports for a preopened directory.
    private const Rights PreopenRights = Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkSource
        | Rights.PathLinkTarget | Rights.PathOpen | Rights.FdReaddir | Rights.PathReadlink | Rights.PathRenameSource
        | Rights.PathRenameTarget | Rights.PathSymlink | Rights.PathRemoveDirectory | Rights.PathUnlinkFile
        | Rights.PathFilestatGet | Rights.PathFilestatSetTimes | Rights.FdFilestatGet | Rights.FdFilestatSetTimes;

    private const Rights PreopenInheriting = PreopenRights | Rights.FdDatasync | Rights.FdRead | Rights.FdSeek
        | Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdTell | Rights.FdWrite | Rights.FdAdvise | Rights.FdAllocate
        | Rights.FdFilestatGet | Rights.FdFilestatSetSize | Rights.FdFilestatSetTimes | Rights.PollFdReadwrite;

    /// <summary><c>fd_advise(fd, offset, len, advice)</c>: posix_fadvise on a file.</summary>
    [WasiImport("fd_advise")]
    public Errno FdAdvise(GuestMemory memory, int fd, long offset, long length, int advice)
    {
        CheckEnum(advice, 5, "Advice");
        if (Get(fd) is not FileDescriptor f)
        {
            return Errno.Badf;
        }
        // WASI orders sequential before random; POSIX the other way round.
        int posix = advice switch { 1 => 2, 2 => 1, _ => advice };
        int r = Libc.posix_fadvise(f.Fd.Fd, offset, length, posix);
        return r == 0 ? Errno.Success : LinuxErrno.ToWasi(r);
    }

    /// <summary><c>fd_allocate(fd, offset, len)</c>: notsup on a file (as Wasmtime), badf otherwise.</summary>
    [WasiImport("fd_allocate")]
    public Errno FdAllocate(GuestMemory memory, int fd, long offset, long length)
    {
        return Get(fd) is FileDescriptor ? Errno.Notsup : Errno.Badf;
    }

    /// <summary><c>fd_close(fd)</c>: any descriptor, preopens and stdio included.</summary>
    [WasiImport("fd_close")]
    public Errno FdClose(GuestMemory memory, int fd)
    {
        var d = _table.Remove((uint)fd);
        if (d is null)
        {
            return Errno.Badf;
        }
        if (d == _stdout)
        {
            Flush();
        }
        d.Dispose();
        return Errno.Success;
    }

    /// <summary><c>fd_datasync(fd)</c>: files only.</summary>
    [WasiImport("fd_datasync")]
    public Errno FdDatasync(GuestMemory memory, int fd)
    {
        return Get(fd) is FileDescriptor f ? HostFs.Check(Libc.fdatasync(f.Fd.Fd)) : Errno.Badf;
    }

    /// <summary><c>fd_sync(fd)</c>: files only.</summary>
    [WasiImport("fd_sync")]
    public Errno FdSync(GuestMemory memory, int fd)
    {
        return Get(fd) is FileDescriptor f ? HostFs.Check(Libc.fsync(f.Fd.Fd)) : Errno.Badf;
    }

    /// <summary><c>fd_fdstat_get(fd, fdstat*)</c>: type, flags and the rights Wasmtime reports.</summary>
    [WasiImport("fd_fdstat_get")]
    public Errno FdFdstatGet(GuestMemory memory, int fd, int stat)
    {
        Filetype type;
        Fdflags flags = Fdflags.None;
        Rights rights;
        Rights inheriting;
        switch (Get(fd))
        {
            case StdinDescriptor s:
                type = s.IsTerminal ? Filetype.CharacterDevice : Filetype.Unknown;
                rights = inheriting = Rights.FdRead;
                break;
            case OutputDescriptor o:
                type = o.IsTerminal ? Filetype.CharacterDevice : Filetype.Unknown;
                rights = inheriting = Rights.FdWrite;
                break;
            case DirectoryDescriptor { PreopenPath: not null }:
                type = Filetype.Directory;
                rights = PreopenRights;
                inheriting = PreopenInheriting;
                break;
            case DirectoryDescriptor d:
                type = Filetype.Directory;
                rights = Rights.All & ~(Rights.FdSeek | Rights.FdWrite | Rights.FdFilestatSetSize | Rights.PathFilestatSetSize);
                if (!d.Readable)
                {
                    rights &= ~(Rights.FdRead | Rights.FdReaddir);
                }
                inheriting = rights;
                break;
            case FileDescriptor f:
            {
                var err = HostFs.StatFd(f.Fd.Fd, out var st);
                if (err != Errno.Success)
                {
                    return err;
                }
                type = st.Type;
                rights = Rights.All;
                if (type == Filetype.Directory)
                {
                    rights &= ~(Rights.FdSeek | Rights.FdFilestatSetSize);
                }
                if (!f.Readable)
                {
                    rights &= ~(Rights.FdRead | Rights.FdReaddir);
                }
                if (!f.Writable)
                {
                    rights &= ~Rights.FdWrite;
                }
                flags = (f.Append ? Fdflags.Append : 0) | (f.NonBlocking ? Fdflags.Nonblock : 0);
                inheriting = rights;
                break;
            }
            case SocketDescriptor s:
                type = Filetype.SocketStream;
                flags = s.NonBlocking ? Fdflags.Nonblock : 0;
                rights = inheriting = Rights.FdRead | Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet
                    | Rights.PollFdReadwrite | Rights.SockShutdown | Rights.SockAccept;
                break;
            default:
                return Errno.Badf;
        }
        var b = memory.Struct((uint)stat, 24, 8);
        b.Clear();
        b[0] = (byte)type;
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt64LittleEndian(b[8..], (ulong)rights);
        BinaryPrimitives.WriteUInt64LittleEndian(b[16..], (ulong)inheriting);
        return Errno.Success;
    }

    /// <summary><c>fd_fdstat_set_flags(fd, flags)</c>: only append and nonblock can change (inval for the sync flags).</summary>
    [WasiImport("fd_fdstat_set_flags")]
    public Errno FdFdstatSetFlags(GuestMemory memory, int fd, int flags)
    {
        CheckFlags((uint)flags, (ulong)KnownFdflags, "Fdflags");
        var f = (Fdflags)flags;
        switch (Get(fd))
        {
            case FileDescriptor file:
                if ((f & (Fdflags.Dsync | Fdflags.Sync | Fdflags.Rsync)) != 0)
                {
                    return Errno.Inval;
                }
                file.Append = (f & Fdflags.Append) != 0;
                file.NonBlocking = (f & Fdflags.Nonblock) != 0;
                return Errno.Success;
            case SocketDescriptor s:
                s.NonBlocking = (f & Fdflags.Nonblock) != 0;
                return Errno.Success;
            default:
                return Errno.Badf;
        }
    }

    /// <summary><c>fd_fdstat_set_rights(fd, base, inheriting)</c>: notsup on files and directories, as in Wasmtime 50.</summary>
    [WasiImport("fd_fdstat_set_rights")]
    public Errno FdFdstatSetRights(GuestMemory memory, int fd, long rightsBase, long rightsInheriting)
    {
        CheckFlags(rightsBase, (ulong)Rights.All, "Rights");
        CheckFlags(rightsInheriting, (ulong)Rights.All, "Rights");
        return Get(fd) is FileDescriptor or DirectoryDescriptor ? Errno.Notsup : Errno.Badf;
    }

    /// <summary><c>fd_filestat_get(fd, filestat*)</c>; stdio reports zeros.</summary>
    [WasiImport("fd_filestat_get")]
    public Errno FdFilestatGet(GuestMemory memory, int fd, int stat)
    {
        HostStat st;
        switch (Get(fd))
        {
            case StdinDescriptor s:
                st = new HostStat(s.IsTerminal ? Filetype.CharacterDevice : Filetype.Unknown, 0, 0, 0, 0, 0, 0, 0);
                break;
            case OutputDescriptor o:
                st = new HostStat(o.IsTerminal ? Filetype.CharacterDevice : Filetype.Unknown, 0, 0, 0, 0, 0, 0, 0);
                break;
            case FileDescriptor f:
            {
                var err = HostFs.StatFd(f.Fd.Fd, out st);
                if (err != Errno.Success)
                {
                    return err;
                }
                break;
            }
            case DirectoryDescriptor d:
            {
                var err = HostFs.StatFd(d.Fd.Fd, out st);
                if (err != Errno.Success)
                {
                    return err;
                }
                break;
            }
            case SocketDescriptor:
                st = new HostStat(Filetype.SocketStream, 0, 0, 0, 0, 0, 0, 0);
                break;
            default:
                return Errno.Badf;
        }
        WriteFilestat(memory, stat, st);
        return Errno.Success;
    }

    /// <summary><c>fd_filestat_set_size(fd, size)</c>: ftruncate on a file.</summary>
    [WasiImport("fd_filestat_set_size")]
    public Errno FdFilestatSetSize(GuestMemory memory, int fd, long size)
    {
        if (Get(fd) is not FileDescriptor f)
        {
            return Errno.Badf;
        }
        if (f.ReadOnlyPreopen)
        {
            return Errno.Perm;
        }
        return HostFs.Check(Libc.ftruncate(f.Fd.Fd, size));
    }

    /// <summary><c>fd_filestat_set_times(fd, atim, mtim, fst_flags)</c>.</summary>
    [WasiImport("fd_filestat_set_times")]
    public unsafe Errno FdFilestatSetTimes(GuestMemory memory, int fd, long atim, long mtim, int fstFlags)
    {
        var err = TimeSpecs(atim, mtim, fstFlags, out var times);
        if (err != Errno.Success)
        {
            return err;
        }
        int hostFd;
        switch (Get(fd))
        {
            case FileDescriptor f:
                if (f.ReadOnlyPreopen)
                {
                    return Errno.Perm;
                }
                hostFd = f.Fd.Fd;
                break;
            case DirectoryDescriptor d:
                if (d.ReadOnly)
                {
                    return Errno.Perm;
                }
                hostFd = d.Fd.Fd;
                break;
            default:
                return Errno.Badf;
        }
        var t = stackalloc Libc.Timespec[2];
        t[0] = times.Item1;
        t[1] = times.Item2;
        return HostFs.Check(Libc.futimens(hostFd, t));
    }

    /// <summary><c>fd_read(fd, iovs, iovs_len, nread*)</c>.</summary>
    [WasiImport("fd_read")]
    public Errno FdRead(GuestMemory memory, int fd, int iovs, int iovsLen, int nread)
    {
        long n;
        switch (Get(fd))
        {
            case FileDescriptor f:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                n = PRead(f.Fd.Fd, buf, f.Position);
                if (n < 0)
                {
                    return LinuxErrno.Last;
                }
                f.Position += (ulong)n;
                break;
            }
            case StdinDescriptor s:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                Flush();
                try
                {
                    n = buf.IsEmpty ? 0 : s.Stream.Read(buf);
                }
                catch (Exception e) when (IsStreamFailure(e))
                {
                    return Errno.Io;
                }
                break;
            }
            case SocketDescriptor s:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                var err = Receive(s, buf, SocketFlags.None, waitAll: false, out n);
                if (err != Errno.Success)
                {
                    return err;
                }
                break;
            }
            default:
                return Errno.Badf;
        }
        memory.WriteU32((uint)nread, (uint)n);
        return Errno.Success;
    }

    /// <summary><c>fd_pread(fd, iovs, iovs_len, offset, nread*)</c>: files only (spipe on stdin).</summary>
    [WasiImport("fd_pread")]
    public Errno FdPread(GuestMemory memory, int fd, int iovs, int iovsLen, long offset, int nread)
    {
        switch (Get(fd))
        {
            case FileDescriptor f:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                long n = PRead(f.Fd.Fd, buf, (ulong)offset);
                if (n < 0)
                {
                    return LinuxErrno.Last;
                }
                memory.WriteU32((uint)nread, (uint)n);
                return Errno.Success;
            }
            case StdinDescriptor:
                return Errno.Spipe;
            default:
                return Errno.Badf;
        }
    }

    /// <summary><c>fd_write(fd, iovs, iovs_len, nwritten*)</c>.</summary>
    [WasiImport("fd_write")]
    public Errno FdWrite(GuestMemory memory, int fd, int iovs, int iovsLen, int nwritten)
    {
        long n;
        switch (Get(fd))
        {
            case FileDescriptor f:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                var err = WriteFile(f, buf, f.Position, atCursor: true, out n);
                if (err != Errno.Success)
                {
                    return err;
                }
                break;
            }
            case OutputDescriptor o:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                var err = WriteOutput(o, buf);
                if (err != Errno.Success)
                {
                    return err;
                }
                n = buf.Length;
                break;
            }
            case SocketDescriptor s:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                var err = Send(s, buf, out n);
                if (err != Errno.Success)
                {
                    return err;
                }
                break;
            }
            default:
                return Errno.Badf;
        }
        memory.WriteU32((uint)nwritten, (uint)n);
        return Errno.Success;
    }

    /// <summary><c>fd_pwrite(fd, iovs, iovs_len, offset, nwritten*)</c>: files only; appends when the fd is in append mode (Linux pwrite).</summary>
    [WasiImport("fd_pwrite")]
    public Errno FdPwrite(GuestMemory memory, int fd, int iovs, int iovsLen, long offset, int nwritten)
    {
        switch (Get(fd))
        {
            case FileDescriptor f:
            {
                var buf = FirstNonEmpty(memory, iovs, iovsLen);
                var err = WriteFile(f, buf, (ulong)offset, atCursor: false, out long n);
                if (err != Errno.Success)
                {
                    return err;
                }
                memory.WriteU32((uint)nwritten, (uint)n);
                return Errno.Success;
            }
            case OutputDescriptor:
                return Errno.Spipe;
            default:
                return Errno.Badf;
        }
    }

    /// <summary><c>fd_prestat_get(fd, prestat*)</c>: preopened directories only.</summary>
    [WasiImport("fd_prestat_get")]
    public Errno FdPrestatGet(GuestMemory memory, int fd, int prestat)
    {
        if (Get(fd) is not DirectoryDescriptor { PreopenPath: { } path })
        {
            return Errno.Badf;
        }
        var b = memory.Struct((uint)prestat, 8, 4);
        b.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], (uint)System.Text.Encoding.UTF8.GetByteCount(path));
        return Errno.Success;
    }

    /// <summary><c>fd_prestat_dir_name(fd, path, path_len)</c>: the guest name, not NUL-terminated.</summary>
    [WasiImport("fd_prestat_dir_name")]
    public Errno FdPrestatDirName(GuestMemory memory, int fd, int path, int pathLen)
    {
        var d = Get(fd);
        if (d is null)
        {
            return Errno.Badf;
        }
        if (d is not DirectoryDescriptor { PreopenPath: { } name })
        {
            return Errno.Notdir;
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        if ((uint)bytes.Length > (uint)pathLen)
        {
            return Errno.Nametoolong;
        }
        bytes.CopyTo(memory.Slice((uint)path, (uint)bytes.Length));
        return Errno.Success;
    }

    /// <summary><c>fd_renumber(from, to)</c>: moves <paramref name="from"/> onto <paramref name="to"/>, closing what was there; both must be open.</summary>
    [WasiImport("fd_renumber")]
    public Errno FdRenumber(GuestMemory memory, int from, int to)
    {
        return _table.Renumber((uint)from, (uint)to) ? Errno.Success : Errno.Badf;
    }

    /// <summary><c>fd_seek(fd, offset, whence, newoffset*)</c>: moves the descriptor's own position (spipe on stdio).</summary>
    [WasiImport("fd_seek")]
    public Errno FdSeek(GuestMemory memory, int fd, long offset, int whence, int newOffset)
    {
        CheckEnum(whence, 2, "Whence");
        var d = Get(fd);
        if (d is StdinDescriptor or OutputDescriptor)
        {
            return Errno.Spipe;
        }
        if (d is not FileDescriptor f)
        {
            return Errno.Badf;
        }
        ulong pos;
        switch (whence)
        {
            case 0:
                if (offset < 0)
                {
                    return Errno.Inval;
                }
                pos = (ulong)offset;
                break;
            case 1:
                if (!AddSigned(f.Position, offset, out pos))
                {
                    return Errno.Inval;
                }
                break;
            default:
            {
                var err = HostFs.StatFd(f.Fd.Fd, out var st);
                if (err != Errno.Success)
                {
                    return err;
                }
                if (!AddSigned(st.Size, offset, out pos))
                {
                    return Errno.Inval;
                }
                break;
            }
        }
        f.Position = pos;
        memory.WriteU64((uint)newOffset, pos);
        return Errno.Success;
    }

    /// <summary><c>fd_tell(fd, offset*)</c>.</summary>
    [WasiImport("fd_tell")]
    public Errno FdTell(GuestMemory memory, int fd, int offset)
    {
        switch (Get(fd))
        {
            case FileDescriptor f:
                memory.WriteU64((uint)offset, f.Position);
                return Errno.Success;
            case StdinDescriptor or OutputDescriptor:
                return Errno.Spipe;
            default:
                return Errno.Badf;
        }
    }

    /// <summary><c>fd_readdir(fd, buf, buf_len, cookie, bufused*)</c>: ".", "..", then the entries; the cookie is the index of the next entry.</summary>
    [WasiImport("fd_readdir")]
    public unsafe Errno FdReaddir(GuestMemory memory, int fd, int buf, int bufLen, long cookie, int bufUsed)
    {
        if (GetDir(fd) is not { } dir)
        {
            return Errno.Badf;
        }
        var err = HostFs.StatFd(dir.Fd.Fd, out var self);
        if (err != Errno.Success)
        {
            return err;
        }
        var entries = dir.Listing;
        if (cookie == 0 || entries is null)
        {
            err = ListDirectory(dir.Fd.Fd, out entries);
            if (err != Errno.Success)
            {
                return err;
            }
            dir.Listing = entries;
        }
        var output = memory.SliceClamped((uint)buf, (uint)bufLen);
        int used = 0;
        Span<byte> header = stackalloc byte[DirentSize];
        ulong total = (ulong)entries.Count + 2;
        for (ulong i = (ulong)cookie; i < total && used < output.Length; i++)
        {
            string name;
            ulong ino;
            Filetype type;
            if (i < 2)
            {
                name = i == 0 ? "." : "..";
                ino = self.Inode;
                type = Filetype.Directory;
            }
            else
            {
                (name, ino, type) = entries[(int)(i - 2)];
            }
            var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            header.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(header, i + 1);
            BinaryPrimitives.WriteUInt64LittleEndian(header[8..], ino);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)nameBytes.Length);
            header[20] = (byte)type;
            int h = Math.Min(DirentSize, output.Length - used);
            header[..h].CopyTo(output[used..]);
            used += h;
            int nl = Math.Min(nameBytes.Length, output.Length - used);
            nameBytes.AsSpan(0, nl).CopyTo(output[used..]);
            used += nl;
        }
        memory.WriteU32((uint)bufUsed, (uint)used);
        return Errno.Success;
    }

    private static unsafe Errno ListDirectory(int dirFd, out List<(string Name, ulong Ino, Filetype Type)> entries)
    {
        entries = [];
        var err = HostFs.Open(dirFd, ".", Libc.O_RDONLY | Libc.O_DIRECTORY, out var own);
        if (err != Errno.Success)
        {
            return err;
        }
        int raw = (int)own!.DangerousGetHandle();
        own.SetHandleAsInvalid();
        nint dir = Libc.fdopendir(raw);
        if (dir == 0)
        {
            err = LinuxErrno.Last;
            Libc.close(raw);
            return err;
        }
        try
        {
            while (true)
            {
                byte* e = (byte*)Libc.readdir(dir);
                if (e == null)
                {
                    break;
                }
                var name = new string((sbyte*)(e + Libc.DirentNameOffset));
                if (name is "." or "..")
                {
                    continue;
                }
                var type = HostStat.TypeOfDirent(e[Libc.DirentTypeOffset]);
                if (e[Libc.DirentTypeOffset] == Libc.DT_UNKNOWN && HostFs.Stat(dirFd, name, follow: false, out var st) == Errno.Success)
                {
                    type = st.Type;
                }
                entries.Add((name, *(ulong*)e, type));
            }
        }
        finally
        {
            Libc.closedir(dir);
        }
        return Errno.Success;
    }

    private static void WriteFilestat(GuestMemory memory, int ptr, HostStat st)
    {
        var b = memory.Struct((uint)ptr, FilestatSize, 8);
        b.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(b, st.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(b[8..], st.Inode);
        b[16] = (byte)st.Type;
        BinaryPrimitives.WriteUInt64LittleEndian(b[24..], st.LinkCount);
        BinaryPrimitives.WriteUInt64LittleEndian(b[32..], st.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(b[40..], st.AccessTime);
        BinaryPrimitives.WriteUInt64LittleEndian(b[48..], st.ModifyTime);
        BinaryPrimitives.WriteUInt64LittleEndian(b[56..], st.ChangeTime);
    }

    // Wasmtime's systimespec: a time and "now" for the same field is inval.
    private static Errno TimeSpecs(long atim, long mtim, int fstFlags, out (Libc.Timespec, Libc.Timespec) times)
    {
        times = default;
        CheckFlags((uint)fstFlags, 0xF, "Fstflags");
        if ((fstFlags & 3) == 3 || (fstFlags & 12) == 12)
        {
            return Errno.Inval;
        }
        times = (Spec(atim, (fstFlags & 1) != 0, (fstFlags & 2) != 0), Spec(mtim, (fstFlags & 4) != 0, (fstFlags & 8) != 0));
        return Errno.Success;

        static Libc.Timespec Spec(long ns, bool set, bool now) => set
            ? new Libc.Timespec { Seconds = (long)((ulong)ns / 1_000_000_000UL), Nanoseconds = (long)((ulong)ns % 1_000_000_000UL) }
            : new Libc.Timespec { Seconds = 0, Nanoseconds = now ? Libc.UTIME_NOW : Libc.UTIME_OMIT };
    }

    private static bool AddSigned(ulong value, long delta, out ulong result)
    {
        if (delta >= 0)
        {
            result = value + (ulong)delta;
            return result >= value;
        }
        ulong d = (ulong)(-(delta + 1)) + 1;
        result = value - d;
        return d <= value;
    }

    private static unsafe long PRead(int fd, Span<byte> buf, ulong offset)
    {
        if (buf.IsEmpty)
        {
            return 0;
        }
        fixed (byte* p = buf)
        {
            return Libc.pread(fd, p, (nuint)buf.Length, (long)offset);
        }
    }

    private static unsafe Errno WriteFile(FileDescriptor f, Span<byte> buf, ulong offset, bool atCursor, out long written)
    {
        fixed (byte* p = buf)
        {
            if (f.Append)
            {
                var iov = new Libc.Iovec { Base = p, Length = (nuint)buf.Length };
                written = Libc.pwritev2(f.Fd.Fd, &iov, 1, -1, Libc.RWF_APPEND);
            }
            else
            {
                written = Libc.pwrite(f.Fd.Fd, p, (nuint)buf.Length, (long)offset);
            }
        }
        if (written < 0)
        {
            return LinuxErrno.Last;
        }
        if (atCursor)
        {
            if (f.Append)
            {
                var err = HostFs.StatFd(f.Fd.Fd, out var st);
                if (err != Errno.Success)
                {
                    return err;
                }
                f.Position = st.Size;
            }
            else
            {
                f.Position = offset + (ulong)written;
            }
        }
        return Errno.Success;
    }

    private Errno WriteOutput(OutputDescriptor o, ReadOnlySpan<byte> buf)
    {
        try
        {
            if (o.IsStderr)
            {
                Flush();
            }
            o.Stream.Write(buf);
            if (o.IsTerminal || o.IsStderr)
            {
                o.Stream.Flush();
            }
            else if (o == _stdout && Stopwatch.GetElapsedTime(_stdoutFlushedAt) >= OutputLatency)
            {
                o.Stream.Flush();
                _stdoutFlushedAt = Stopwatch.GetTimestamp();
            }
            return Errno.Success;
        }
        catch (Exception e) when (IsStreamFailure(e))
        {
            return Errno.Io;
        }
    }

    // An embedder's stream may be closed or one-way; the guest sees io, never a host exception.
    private static bool IsStreamFailure(Exception e) => e is IOException or NotSupportedException or ObjectDisposedException;
}
