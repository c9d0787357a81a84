namespace Kiln.Wasi;

/// <summary>
/// Resolves guest paths component by component below a directory fd, the way cap-std does for Wasmtime:
/// each directory is opened with O_NOFOLLOW relative to the previous one, symlinks are read and expanded by
/// us (never by the kernel), and anything that would climb above the starting directory (an absolute path,
/// "..", or a symlink to either) fails with <see cref="Errno.Perm"/>. No step compares path strings.
/// </summary>
internal static class PathResolver
{
    /// <summary>Linux's limit on symlinks followed in one lookup.</summary>
    private const int MaxSymlinks = 40;

    /// <summary>
    /// Walks <paramref name="path"/> from <paramref name="start"/>. When <paramref name="followFinal"/> is set a
    /// final symlink is expanded too; otherwise the link itself is the result.
    /// </summary>
    internal static Errno Resolve(int start, string path, bool followFinal, out ResolvedPath? result)
    {
        result = null;
        if (path.Length == 0)
        {
            return Errno.Noent;
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return Errno.Inval;
        }
        if (path[0] == '/')
        {
            return Errno.Perm;
        }

        var opened = new List<HostFd>();
        var pending = new List<string>();
        bool mustBeDir = false;
        Push(pending, path, ref mustBeDir);
        int symlinks = 0;
        string finalName = ".";
        try
        {
            while (pending.Count > 0)
            {
                string name = pending[^1];
                pending.RemoveAt(pending.Count - 1);
                bool isLast = pending.Count == 0;
                int cur = opened.Count == 0 ? start : opened[^1].Fd;

                if (name == ".")
                {
                    continue;
                }
                if (name == "..")
                {
                    if (opened.Count == 0)
                    {
                        return Errno.Perm;
                    }
                    opened[^1].Dispose();
                    opened.RemoveAt(opened.Count - 1);
                    continue;
                }
                if (isLast && !followFinal && !mustBeDir)
                {
                    finalName = name;
                    break;
                }

                var err = HostFs.Stat(cur, name, follow: false, out var stat);
                if (err == Errno.Noent && isLast)
                {
                    finalName = name;
                    break;
                }
                if (err != Errno.Success)
                {
                    return err;
                }
                if (stat.Type == Filetype.SymbolicLink)
                {
                    if (++symlinks > MaxSymlinks)
                    {
                        return Errno.Loop;
                    }
                    err = HostFs.ReadLink(cur, name, out var target);
                    if (err != Errno.Success)
                    {
                        return err;
                    }
                    if (target.Length == 0)
                    {
                        return Errno.Noent;
                    }
                    if (target[0] == (byte)'/')
                    {
                        return Errno.Perm;
                    }
                    Push(pending, System.Text.Encoding.UTF8.GetString(target), ref mustBeDir);
                    continue;
                }
                if (isLast)
                {
                    if (mustBeDir && stat.Type != Filetype.Directory)
                    {
                        return Errno.Notdir;
                    }
                    finalName = name;
                    break;
                }
                if (stat.Type != Filetype.Directory)
                {
                    return Errno.Notdir;
                }
                err = HostFs.Open(cur, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, out var dir);
                if (err != Errno.Success)
                {
                    return err;
                }
                opened.Add(dir!);
            }

            result = new ResolvedPath(opened.Count == 0 ? start : opened[^1].Fd, finalName, mustBeDir, opened);
            opened = [];
            return Errno.Success;
        }
        finally
        {
            foreach (var fd in opened)
            {
                fd.Dispose();
            }
        }
    }

    // Pushes the components of `path` so that the first one is popped first. A trailing '/' means the
    // result must be a directory (and a final symlink is then followed, as POSIX says).
    private static void Push(List<string> pending, string path, ref bool mustBeDir)
    {
        if (pending.Count == 0 && path.EndsWith('/'))
        {
            mustBeDir = true;
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            pending.Add(parts[i]);
        }
    }
}
