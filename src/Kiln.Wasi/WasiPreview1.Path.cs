namespace Kiln.Wasi;

public sealed partial class WasiPreview1
{
    private const int LookupSymlinkFollow = 1;
    private const int OflagCreat = 1;
    private const int OflagDirectory = 2;
    private const int OflagExcl = 4;
    private const int OflagTrunc = 8;

    /// <summary><c>path_create_directory(fd, path, path_len)</c>.</summary>
    [WasiImport("path_create_directory")]
    public unsafe Errno PathCreateDirectory(GuestMemory memory, int fd, int path, int pathLen)
    {
        if (PathTarget(memory, fd, path, pathLen, write: true, out var dir, out var p) is var refused and not Errno.Success)
        {
            return refused;
        }
        // "a/" creates "a", and names an existing file or link "exists", as mkdir(2) and Wasmtime do.
        string trimmed = p.TrimEnd('/');
        return AtParent(dir, trimmed.Length == 0 ? p : trimmed, follow: false, (dirFd, name, _) =>
        {
            fixed (byte* n = HostFs.NativeName(name))
            {
                return HostFs.Check(Libc.mkdirat(dirFd, n, 0x1FF));
            }
        });
    }

    /// <summary><c>path_filestat_get(fd, flags, path, path_len, filestat*)</c>.</summary>
    [WasiImport("path_filestat_get")]
    public Errno PathFilestatGet(GuestMemory memory, int fd, int flags, int path, int pathLen, int stat)
    {
        CheckFlags((uint)flags, 1, "Lookupflags");
        if (PathTarget(memory, fd, path, pathLen, write: false, out var dir, out var p) is var refused and not Errno.Success)
        {
            return refused;
        }
        HostStat st = default;
        var err = AtParent(dir, p, (flags & LookupSymlinkFollow) != 0, (dirFd, name, _) => HostFs.Stat(dirFd, name, follow: false, out st));
        if (err != Errno.Success)
        {
            return err;
        }
        WriteFilestat(memory, stat, st);
        return Errno.Success;
    }

    /// <summary><c>path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)</c>.</summary>
    [WasiImport("path_filestat_set_times")]
    public unsafe Errno PathFilestatSetTimes(GuestMemory memory, int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags)
    {
        CheckFlags((uint)flags, 1, "Lookupflags");
        var err = TimeSpecs(atim, mtim, fstFlags, out var times);
        if (err != Errno.Success)
        {
            return err;
        }
        if (PathTarget(memory, fd, path, pathLen, write: true, out var dir, out var p) is var refused and not Errno.Success)
        {
            return refused;
        }
        return AtParent(dir, p, (flags & LookupSymlinkFollow) != 0, (dirFd, name, _) =>
        {
            var t = stackalloc Libc.Timespec[2];
            t[0] = times.Item1;
            t[1] = times.Item2;
            fixed (byte* n = HostFs.NativeName(name))
            {
                return HostFs.Check(Libc.utimensat(dirFd, n, t, Libc.AT_SYMLINK_NOFOLLOW));
            }
        });
    }

    /// <summary><c>path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len)</c>: a hard link; following a source symlink is inval, as in Wasmtime.</summary>
    [WasiImport("path_link")]
    public unsafe Errno PathLink(GuestMemory memory, int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen)
    {
        CheckFlags((uint)oldFlags, 1, "Lookupflags");
        if (GetDir(oldFd) is not { } src || GetDir(newFd) is not { } dst)
        {
            return Errno.Badf;
        }
        if (!ReadPath(memory, oldPath, oldPathLen, out var from) || !ReadPath(memory, newPath, newPathLen, out var to))
        {
            return Errno.Ilseq;
        }
        if ((oldFlags & LookupSymlinkFollow) != 0)
        {
            return Errno.Inval;
        }
        if (src.ReadOnly || dst.ReadOnly)
        {
            return Errno.Perm;
        }
        return AtParent(src, from, follow: false, (srcFd, srcName, _) =>
            AtParent(dst, to, follow: false, (dstFd, dstName, _) =>
            {
                fixed (byte* a = HostFs.NativeName(srcName))
                fixed (byte* b = HostFs.NativeName(dstName))
                {
                    return HostFs.Check(Libc.linkat(srcFd, a, dstFd, b, 0));
                }
            }));
    }

    /// <summary><c>path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd*)</c>.</summary>
    [WasiImport("path_open")]
    public Errno PathOpen(GuestMemory memory, int fd, int dirFlags, int path, int pathLen, int oflags, long rightsBase, long rightsInheriting, int fdFlags, int opened)
    {
        CheckFlags((uint)dirFlags, 1, "Lookupflags");
        CheckFlags((uint)oflags, 0xF, "Oflags");
        CheckFlags(rightsBase, (ulong)Rights.All, "Rights");
        CheckFlags(rightsInheriting, (ulong)Rights.All, "Rights");
        CheckFlags((uint)fdFlags, (ulong)KnownFdflags, "Fdflags");
        if (!ReadPath(memory, path, pathLen, out var p))
        {
            return Errno.Ilseq;
        }
        var rights = (Rights)rightsBase;
        var fdf = (Fdflags)fdFlags;
        bool read = (rights & Rights.FdRead) != 0;
        bool write = (rights & Rights.FdWrite) != 0;
        var d = Get(fd);
        if (d is FileDescriptor)
        {
            return Errno.Notdir;
        }
        if (d is not DirectoryDescriptor dir)
        {
            return Errno.Badf;
        }
        if ((fdf & (Fdflags.Sync | Fdflags.Dsync | Fdflags.Rsync)) != 0)
        {
            return Errno.Notsup;
        }
        if ((oflags & OflagDirectory) != 0 && (oflags & (OflagCreat | OflagExcl | OflagTrunc)) != 0)
        {
            return Errno.Inval;
        }
        if (dir.ReadOnly && (write || (oflags & (OflagCreat | OflagTrunc)) != 0))
        {
            return Errno.Perm;
        }

        int flags = Libc.O_NOFOLLOW;
        if ((oflags & OflagCreat) != 0)
        {
            flags |= Libc.O_CREAT;
            write = true;
        }
        if ((oflags & OflagExcl) != 0)
        {
            flags |= Libc.O_EXCL;
        }
        if ((oflags & OflagTrunc) != 0)
        {
            flags |= Libc.O_TRUNC;
            write = true;
        }
        if ((oflags & OflagDirectory) != 0)
        {
            flags |= Libc.O_DIRECTORY;
        }
        if (!write)
        {
            read = true;
        }
        if (p.EndsWith('/'))
        {
            flags |= Libc.O_DIRECTORY;
        }

        HostFd? host = null;
        var err = AtParent(dir, p, (dirFlags & LookupSymlinkFollow) != 0, (dirFd, name, _) =>
        {
            int f = flags | (write ? (read ? Libc.O_RDWR : Libc.O_WRONLY) : Libc.O_RDONLY);
            // A directory opened for writing fails with Linux's EISDIR, as in Wasmtime.
            return HostFs.Open(dirFd, name, f, out host);
        });
        if (err != Errno.Success)
        {
            return err;
        }
        err = HostFs.StatFd(host!.Fd, out var st);
        if (err != Errno.Success)
        {
            host.Dispose();
            return err;
        }
        Descriptor desc = st.Type == Filetype.Directory
            ? new DirectoryDescriptor(host, null, dir.ReadOnly, read)
            : new FileDescriptor(host, read, write, (fdf & Fdflags.Append) != 0, (fdf & Fdflags.Nonblock) != 0, dir.ReadOnly);
        uint newFd = _table.Push(desc);
        memory.WriteU32((uint)opened, newFd);
        return Errno.Success;
    }

    /// <summary><c>path_readlink(fd, path, path_len, buf, buf_len, bufused*)</c>: the target, truncated to the buffer.</summary>
    [WasiImport("path_readlink")]
    public Errno PathReadlink(GuestMemory memory, int fd, int path, int pathLen, int buf, int bufLen, int bufUsed)
    {
        if (PathTarget(memory, fd, path, pathLen, write: false, out var dir, out var p) is var refused and not Errno.Success)
        {
            return refused;
        }
        byte[] target = [];
        var err = AtParent(dir, p, follow: false, (dirFd, name, _) => HostFs.ReadLink(dirFd, name, out target));
        if (err != Errno.Success)
        {
            return err;
        }
        int n = (int)Math.Min((uint)target.Length, (uint)bufLen);
        target.AsSpan(0, n).CopyTo(memory.Slice((uint)buf, (uint)n));
        memory.WriteU32((uint)bufUsed, (uint)n);
        return Errno.Success;
    }

    /// <summary><c>path_remove_directory(fd, path, path_len)</c>.</summary>
    [WasiImport("path_remove_directory")]
    public unsafe Errno PathRemoveDirectory(GuestMemory memory, int fd, int path, int pathLen)
    {
        if (PathTarget(memory, fd, path, pathLen, write: true, out var dir, out var p) is var refused and not Errno.Success)
        {
            return refused;
        }
        return AtParent(dir, p, follow: false, (dirFd, name, mustBeDirectory) =>
        {
            if (mustBeDirectory)
            {
                // Wasmtime resolves "dir/" as "dir/.", and removing "." is inval.
                var err = HostFs.Stat(dirFd, name, follow: false, out _);
                return err != Errno.Success ? err : Errno.Inval;
            }
            fixed (byte* n = HostFs.NativeName(name))
            {
                return HostFs.Check(Libc.unlinkat(dirFd, n, Libc.AT_REMOVEDIR));
            }
        });
    }

    /// <summary><c>path_rename(fd, old_path, old_len, new_fd, new_path, new_len)</c>: both ends must be inside the sandbox.</summary>
    [WasiImport("path_rename")]
    public unsafe Errno PathRename(GuestMemory memory, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen)
    {
        if (GetDir(fd) is not { } src || GetDir(newFd) is not { } dst)
        {
            return Errno.Badf;
        }
        if (!ReadPath(memory, oldPath, oldPathLen, out var from) || !ReadPath(memory, newPath, newPathLen, out var to))
        {
            return Errno.Ilseq;
        }
        if (src.ReadOnly || dst.ReadOnly)
        {
            return Errno.Perm;
        }
        return AtParent(src, from, follow: false, (srcFd, srcName, srcDir) =>
            AtParent(dst, to, follow: false, (dstFd, dstName, dstDir) =>
            {
                // A trailing '/' needs a directory source; "." itself is left to renameat (busy).
                if ((srcDir || dstDir) && srcName != "." && dstName != "." && HostFs.Stat(srcFd, srcName, follow: false, out var st) == Errno.Success && st.Type != Filetype.Directory)
                {
                    return Errno.Notdir;
                }
                fixed (byte* a = HostFs.NativeName(srcName))
                fixed (byte* b = HostFs.NativeName(dstName))
                {
                    return HostFs.Check(Libc.renameat(srcFd, a, dstFd, b));
                }
            }));
    }

    /// <summary><c>path_symlink(old_path, old_len, fd, new_path, new_len)</c>: creates a link whose text is <paramref name="oldPath"/>; an absolute text is perm, as in Wasmtime.</summary>
    [WasiImport("path_symlink")]
    public unsafe Errno PathSymlink(GuestMemory memory, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen)
    {
        if (GetDir(fd) is not { } dir)
        {
            return Errno.Badf;
        }
        if (!ReadPath(memory, oldPath, oldPathLen, out var target) || !ReadPath(memory, newPath, newPathLen, out var link))
        {
            return Errno.Ilseq;
        }
        if (dir.ReadOnly || target.StartsWith('/'))
        {
            return Errno.Perm;
        }
        return AtParent(dir, link, follow: false, (dirFd, name, _) =>
        {
            fixed (byte* t = HostFs.NativeName(target))
            fixed (byte* n = HostFs.NativeName(name))
            {
                return HostFs.Check(Libc.symlinkat(t, dirFd, n));
            }
        });
    }

    /// <summary><c>path_unlink_file(fd, path, path_len)</c>.</summary>
    [WasiImport("path_unlink_file")]
    public unsafe Errno PathUnlinkFile(GuestMemory memory, int fd, int path, int pathLen)
    {
        if (PathTarget(memory, fd, path, pathLen, write: true, out var dir, out var p) is var refused and not Errno.Success)
        {
            return refused;
        }
        return AtParent(dir, p, follow: false, (dirFd, name, _) =>
        {
            fixed (byte* n = HostFs.NativeName(name))
            {
                return HostFs.Check(Libc.unlinkat(dirFd, n, 0));
            }
        });
    }

    private delegate Errno AtOperation(int dirFd, string name, bool mustBeDirectory);

    // Resolves `path` inside `dir`'s sandbox and runs `op` on the parent fd and final name.
    private static Errno AtParent(DirectoryDescriptor dir, string path, bool follow, AtOperation op)
    {
        var err = PathResolver.Resolve(dir.Fd.Fd, path, follow, out var resolved);
        if (err != Errno.Success)
        {
            return err;
        }
        using (resolved)
        {
            return op(resolved!.DirFd, resolved.Name, resolved.MustBeDirectory);
        }
    }
}
