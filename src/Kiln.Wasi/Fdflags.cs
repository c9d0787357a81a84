namespace Kiln.Wasi;

/// <summary>File descriptor flags (witx <c>fdflags</c>, a u16 bit set).</summary>
[Flags]
#pragma warning disable CA1711 // the witx name
public enum Fdflags : ushort
#pragma warning restore CA1711
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>Writes append to the end of the file.</summary>
    Append = 1,
    /// <summary>Synchronized data integrity (not supported, as in Wasmtime).</summary>
    Dsync = 2,
    /// <summary>Non-blocking mode.</summary>
    Nonblock = 4,
    /// <summary>Synchronized read integrity (not supported, as in Wasmtime).</summary>
    Rsync = 8,
    /// <summary>Synchronized file integrity (not supported, as in Wasmtime).</summary>
    Sync = 16,
}
