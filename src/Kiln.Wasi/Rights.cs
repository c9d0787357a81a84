namespace Kiln.Wasi;

/// <summary>File descriptor rights (witx <c>rights</c>, a u64 bit set).</summary>
/// <remarks>Like Wasmtime, Kiln reports rights but does not enforce them; the sandbox is the preopen set.</remarks>
[Flags]
#pragma warning disable CA1711 // the witx name
public enum Rights : ulong
#pragma warning restore CA1711
{
    /// <summary>No rights.</summary>
    None = 0,
    /// <summary><c>fd_datasync</c>.</summary>
    FdDatasync = 1UL << 0,
    /// <summary><c>fd_read</c>.</summary>
    FdRead = 1UL << 1,
    /// <summary><c>fd_seek</c>.</summary>
    FdSeek = 1UL << 2,
    /// <summary><c>fd_fdstat_set_flags</c>.</summary>
    FdFdstatSetFlags = 1UL << 3,
    /// <summary><c>fd_sync</c>.</summary>
    FdSync = 1UL << 4,
    /// <summary><c>fd_tell</c>.</summary>
    FdTell = 1UL << 5,
    /// <summary><c>fd_write</c>.</summary>
    FdWrite = 1UL << 6,
    /// <summary><c>fd_advise</c>.</summary>
    FdAdvise = 1UL << 7,
    /// <summary><c>fd_allocate</c>.</summary>
    FdAllocate = 1UL << 8,
    /// <summary><c>path_create_directory</c>.</summary>
    PathCreateDirectory = 1UL << 9,
    /// <summary><c>path_create_file</c>.</summary>
    PathCreateFile = 1UL << 10,
    /// <summary><c>path_link_source</c>.</summary>
    PathLinkSource = 1UL << 11,
    /// <summary><c>path_link_target</c>.</summary>
    PathLinkTarget = 1UL << 12,
    /// <summary><c>path_open</c>.</summary>
    PathOpen = 1UL << 13,
    /// <summary><c>fd_readdir</c>.</summary>
    FdReaddir = 1UL << 14,
    /// <summary><c>path_readlink</c>.</summary>
    PathReadlink = 1UL << 15,
    /// <summary><c>path_rename_source</c>.</summary>
    PathRenameSource = 1UL << 16,
    /// <summary><c>path_rename_target</c>.</summary>
    PathRenameTarget = 1UL << 17,
    /// <summary><c>path_filestat_get</c>.</summary>
    PathFilestatGet = 1UL << 18,
    /// <summary><c>path_filestat_set_size</c>.</summary>
    PathFilestatSetSize = 1UL << 19,
    /// <summary><c>path_filestat_set_times</c>.</summary>
    PathFilestatSetTimes = 1UL << 20,
    /// <summary><c>fd_filestat_get</c>.</summary>
    FdFilestatGet = 1UL << 21,
    /// <summary><c>fd_filestat_set_size</c>.</summary>
    FdFilestatSetSize = 1UL << 22,
    /// <summary><c>fd_filestat_set_times</c>.</summary>
    FdFilestatSetTimes = 1UL << 23,
    /// <summary><c>path_symlink</c>.</summary>
    PathSymlink = 1UL << 24,
    /// <summary><c>path_remove_directory</c>.</summary>
    PathRemoveDirectory = 1UL << 25,
    /// <summary><c>path_unlink_file</c>.</summary>
    PathUnlinkFile = 1UL << 26,
    /// <summary><c>poll_fd_readwrite</c>.</summary>
    PollFdReadwrite = 1UL << 27,
    /// <summary><c>sock_shutdown</c>.</summary>
    SockShutdown = 1UL << 28,
    /// <summary><c>sock_accept</c>.</summary>
    SockAccept = 1UL << 29,
    /// <summary>Every defined right.</summary>
    All = (1UL << 30) - 1,
}
