namespace Kiln.Wasi;

public sealed partial class WasiPreview1
{
    /// <summary>Every <c>wasi_snapshot_preview1</c> function, in witx order; the index is what <see cref="Invoke"/> takes.</summary>
    public static IReadOnlyList<WasiFunction> Functions { get; } =
    [
        new("args_get", "ii", true),
        new("args_sizes_get", "ii", true),
        new("environ_get", "ii", true),
        new("environ_sizes_get", "ii", true),
        new("clock_res_get", "ii", true),
        new("clock_time_get", "iIi", true),
        new("fd_advise", "iIIi", true),
        new("fd_allocate", "iII", true),
        new("fd_close", "i", true),
        new("fd_datasync", "i", true),
        new("fd_fdstat_get", "ii", true),
        new("fd_fdstat_set_flags", "ii", true),
        new("fd_fdstat_set_rights", "iII", true),
        new("fd_filestat_get", "ii", true),
        new("fd_filestat_set_size", "iI", true),
        new("fd_filestat_set_times", "iIIi", true),
        new("fd_pread", "iiiIi", true),
        new("fd_prestat_get", "ii", true),
        new("fd_prestat_dir_name", "iii", true),
        new("fd_pwrite", "iiiIi", true),
        new("fd_read", "iiii", true),
        new("fd_readdir", "iiiIi", true),
        new("fd_renumber", "ii", true),
        new("fd_seek", "iIii", true),
        new("fd_sync", "i", true),
        new("fd_tell", "ii", true),
        new("fd_write", "iiii", true),
        new("path_create_directory", "iii", true),
        new("path_filestat_get", "iiiii", true),
        new("path_filestat_set_times", "iiiiIIi", true),
        new("path_link", "iiiiiii", true),
        new("path_open", "iiiiiIIii", true),
        new("path_readlink", "iiiiii", true),
        new("path_remove_directory", "iii", true),
        new("path_rename", "iiiiii", true),
        new("path_symlink", "iiiii", true),
        new("path_unlink_file", "iii", true),
        new("poll_oneoff", "iiii", true),
        new("proc_exit", "i", false),
        new("proc_raise", "i", true),
        new("sched_yield", "", true),
        new("random_get", "ii", true),
        new("sock_accept", "iii", true),
        new("sock_recv", "iiiiii", true),
        new("sock_send", "iiiii", true),
        new("sock_shutdown", "ii", true),
    ];

    /// <summary>
    /// Calls function <paramref name="index"/> of <see cref="Functions"/> with raw Wasm arguments (an i32 is passed
    /// in the low 32 bits) and returns its errno as an i32 (0 for <c>proc_exit</c>, which throws instead).
    /// This is the whole binding surface an engine's untyped host-function hook needs.
    /// </summary>
    public int Invoke(int index, GuestMemory memory, ReadOnlySpan<long> args)
    {
        switch (index)
        {
            case 0:
                return (int)ArgsGet(memory, (int)args[0], (int)args[1]);
            case 1:
                return (int)ArgsSizesGet(memory, (int)args[0], (int)args[1]);
            case 2:
                return (int)EnvironGet(memory, (int)args[0], (int)args[1]);
            case 3:
                return (int)EnvironSizesGet(memory, (int)args[0], (int)args[1]);
            case 4:
                return (int)ClockResGet(memory, (int)args[0], (int)args[1]);
            case 5:
                return (int)ClockTimeGet(memory, (int)args[0], args[1], (int)args[2]);
            case 6:
                return (int)FdAdvise(memory, (int)args[0], args[1], args[2], (int)args[3]);
            case 7:
                return (int)FdAllocate(memory, (int)args[0], args[1], args[2]);
            case 8:
                return (int)FdClose(memory, (int)args[0]);
            case 9:
                return (int)FdDatasync(memory, (int)args[0]);
            case 10:
                return (int)FdFdstatGet(memory, (int)args[0], (int)args[1]);
            case 11:
                return (int)FdFdstatSetFlags(memory, (int)args[0], (int)args[1]);
            case 12:
                return (int)FdFdstatSetRights(memory, (int)args[0], args[1], args[2]);
            case 13:
                return (int)FdFilestatGet(memory, (int)args[0], (int)args[1]);
            case 14:
                return (int)FdFilestatSetSize(memory, (int)args[0], args[1]);
            case 15:
                return (int)FdFilestatSetTimes(memory, (int)args[0], args[1], args[2], (int)args[3]);
            case 16:
                return (int)FdPread(memory, (int)args[0], (int)args[1], (int)args[2], args[3], (int)args[4]);
            case 17:
                return (int)FdPrestatGet(memory, (int)args[0], (int)args[1]);
            case 18:
                return (int)FdPrestatDirName(memory, (int)args[0], (int)args[1], (int)args[2]);
            case 19:
                return (int)FdPwrite(memory, (int)args[0], (int)args[1], (int)args[2], args[3], (int)args[4]);
            case 20:
                return (int)FdRead(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3]);
            case 21:
                return (int)FdReaddir(memory, (int)args[0], (int)args[1], (int)args[2], args[3], (int)args[4]);
            case 22:
                return (int)FdRenumber(memory, (int)args[0], (int)args[1]);
            case 23:
                return (int)FdSeek(memory, (int)args[0], args[1], (int)args[2], (int)args[3]);
            case 24:
                return (int)FdSync(memory, (int)args[0]);
            case 25:
                return (int)FdTell(memory, (int)args[0], (int)args[1]);
            case 26:
                return (int)FdWrite(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3]);
            case 27:
                return (int)PathCreateDirectory(memory, (int)args[0], (int)args[1], (int)args[2]);
            case 28:
                return (int)PathFilestatGet(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4]);
            case 29:
                return (int)PathFilestatSetTimes(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], args[4], args[5], (int)args[6]);
            case 30:
                return (int)PathLink(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4], (int)args[5], (int)args[6]);
            case 31:
                return (int)PathOpen(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4], args[5], args[6], (int)args[7], (int)args[8]);
            case 32:
                return (int)PathReadlink(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4], (int)args[5]);
            case 33:
                return (int)PathRemoveDirectory(memory, (int)args[0], (int)args[1], (int)args[2]);
            case 34:
                return (int)PathRename(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4], (int)args[5]);
            case 35:
                return (int)PathSymlink(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4]);
            case 36:
                return (int)PathUnlinkFile(memory, (int)args[0], (int)args[1], (int)args[2]);
            case 37:
                return (int)PollOneoff(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3]);
            case 38:
                ProcExit(memory, (int)args[0]);
                return 0;
            case 39:
                return (int)ProcRaise(memory, (int)args[0]);
            case 40:
                return (int)SchedYield(memory);
            case 41:
                return (int)RandomGet(memory, (int)args[0], (int)args[1]);
            case 42:
                return (int)SockAccept(memory, (int)args[0], (int)args[1], (int)args[2]);
            case 43:
                return (int)SockRecv(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4], (int)args[5]);
            case 44:
                return (int)SockSend(memory, (int)args[0], (int)args[1], (int)args[2], (int)args[3], (int)args[4]);
            case 45:
                return (int)SockShutdown(memory, (int)args[0], (int)args[1]);
            default:
                throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}
