using System.Buffers.Binary;

namespace Kiln.Wasi;

/// <summary>What <c>statx</c> reports about a host file, in WASI terms.</summary>
internal readonly record struct HostStat(Filetype Type, ulong Device, ulong Inode, ulong LinkCount, ulong Size, ulong AccessTime, ulong ModifyTime, ulong ChangeTime)
{
    /// <summary>Decodes a <c>struct statx</c> (the same layout on every Linux architecture).</summary>
    internal static HostStat FromStatx(ReadOnlySpan<byte> b)
    {
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        ulong devMajor = BinaryPrimitives.ReadUInt32LittleEndian(b[136..]);
        ulong devMinor = BinaryPrimitives.ReadUInt32LittleEndian(b[140..]);
        return new HostStat(
            TypeOfMode(mode),
            (devMajor << 32) | devMinor,
            BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
            Time(b[64..]),
            Time(b[112..]),
            Time(b[96..]));
    }

    internal static Filetype TypeOfMode(uint mode) => (mode & Libc.S_IFMT) switch
    {
        Libc.S_IFREG => Filetype.RegularFile,
        Libc.S_IFDIR => Filetype.Directory,
        Libc.S_IFLNK => Filetype.SymbolicLink,
        Libc.S_IFCHR => Filetype.CharacterDevice,
        Libc.S_IFBLK => Filetype.BlockDevice,
        Libc.S_IFSOCK => Filetype.SocketStream,
        _ => Filetype.Unknown,
    };

    internal static Filetype TypeOfDirent(byte dtype) => dtype switch
    {
        Libc.DT_REG => Filetype.RegularFile,
        Libc.DT_DIR => Filetype.Directory,
        Libc.DT_LNK => Filetype.SymbolicLink,
        Libc.DT_CHR => Filetype.CharacterDevice,
        Libc.DT_BLK => Filetype.BlockDevice,
        Libc.DT_SOCK => Filetype.SocketStream,
        _ => Filetype.Unknown,
    };

    // Times before 1970 clamp to 0: a WASI timestamp is unsigned.
    private static ulong Time(ReadOnlySpan<byte> ts)
    {
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(ts);
        uint nanos = BinaryPrimitives.ReadUInt32LittleEndian(ts[8..]);
        return seconds < 0 ? 0 : ((ulong)seconds * 1_000_000_000UL) + nanos;
    }
}
