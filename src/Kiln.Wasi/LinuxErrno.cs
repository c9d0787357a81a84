namespace Kiln.Wasi;

/// <summary>
/// Maps Linux errno values to WASI errnos the way Wasmtime does: through the WASI 0.2 filesystem error
/// codes, so a host error with no 0.2 code becomes <see cref="Errno.Io"/>.
/// </summary>
internal static class LinuxErrno
{
    internal static Errno ToWasi(int errno) => errno switch
    {
        1 => Errno.Perm,
        2 => Errno.Noent,
        4 => Errno.Intr,
        5 => Errno.Io,
        6 => Errno.Nxio,
        9 => Errno.Badf,
        11 => Errno.Again,
        12 => Errno.Nomem,
        13 => Errno.Acces,
        16 => Errno.Busy,
        17 => Errno.Exist,
        18 => Errno.Xdev,
        19 => Errno.Nodev,
        20 => Errno.Notdir,
        21 => Errno.Isdir,
        22 => Errno.Inval,
        25 => Errno.Notty,
        26 => Errno.Txtbsy,
        27 => Errno.Fbig,
        28 => Errno.Nospc,
        29 => Errno.Spipe,
        30 => Errno.Rofs,
        31 => Errno.Mlink,
        32 => Errno.Pipe,
        35 => Errno.Deadlk,
        36 => Errno.Nametoolong,
        37 => Errno.Nolck,
        39 => Errno.Notempty,
        40 => Errno.Loop,
        75 => Errno.Overflow,
        84 => Errno.Ilseq,
        90 => Errno.Msgsize,
        95 => Errno.Notsup,
        114 => Errno.Already,
        115 => Errno.Inprogress,
        122 => Errno.Dquot,
        131 => Errno.Notrecoverable,
        _ => Errno.Io,
    };

    /// <summary>The WASI errno for the last failed libc call.</summary>
    internal static Errno Last => ToWasi(Libc.LastErrno);
}
