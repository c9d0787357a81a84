namespace Kiln.Wasi;

/// <summary>
/// The result of resolving a guest path inside a sandbox: a host directory fd that lies inside the preopen
/// and one final component (a plain name, or "." for that directory itself) to hand to an *at() call.
/// </summary>
internal sealed class ResolvedPath : IDisposable
{
    private readonly List<HostFd> _opened;

    internal ResolvedPath(int dirFd, string name, bool mustBeDirectory, List<HostFd> opened)
    {
        DirFd = dirFd;
        Name = name;
        MustBeDirectory = mustBeDirectory;
        _opened = opened;
    }

    /// <summary>The directory the final component lives in.</summary>
    internal int DirFd { get; }

    /// <summary>The final component: never empty, never "..", never containing '/'.</summary>
    internal string Name { get; }

    /// <summary>The guest path ended in '/' (or in a symlink whose target did), so it must name a directory.</summary>
    internal bool MustBeDirectory { get; }

    public void Dispose()
    {
        foreach (var fd in _opened)
        {
            fd.Dispose();
        }
        _opened.Clear();
    }
}
