namespace Kiln.Wasi;

/// <summary>The type of a file descriptor or file (witx <c>filetype</c>, a u8).</summary>
public enum Filetype : byte
{
    /// <summary>Unknown, or a type preview 1 has no code for (FIFOs, non-terminal stdio).</summary>
    Unknown = 0,
    /// <summary>A block device.</summary>
    BlockDevice = 1,
    /// <summary>A character device (also a terminal on stdio).</summary>
    CharacterDevice = 2,
    /// <summary>A directory.</summary>
    Directory = 3,
    /// <summary>A regular file.</summary>
    RegularFile = 4,
    /// <summary>A datagram socket.</summary>
    SocketDgram = 5,
    /// <summary>A byte-stream socket.</summary>
    SocketStream = 6,
    /// <summary>A symbolic link.</summary>
    SymbolicLink = 7,
}
