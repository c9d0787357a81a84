using System.Net.Sockets;

namespace Kiln.Wasi;

/// <summary>What a guest is given: arguments, environment, preopened directories and sockets, stdio.</summary>
public sealed class WasiOptions
{
    /// <summary>The guest's argv, including argv[0]. Read when the guest first asks for it: do not change it while the guest runs.</summary>
    public IList<string> Args { get; init; } = [];

    /// <summary>Environment variables, in the order the guest sees them. Read when the guest first asks for them: do not change them while the guest runs.</summary>
    public IList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Preopened directories; they get fds 3, 4, ... in this order.</summary>
    public IList<WasiPreopen> Preopens { get; } = [];

    /// <summary>Preopened listening sockets; they get the fds after the directories, and the host disposes them.</summary>
    public IList<Socket> ListeningSockets { get; } = [];

    /// <summary>Standard input; null means the process's.</summary>
    public Stream? Stdin { get; set; }

    /// <summary>Standard output; null means the process's, buffered: written out by a write 50 ms or more after the last write-out, by a read of stdin, a <c>poll_oneoff</c> or a write to stderr, and by <see cref="WasiPreview1.Flush"/>.</summary>
    public Stream? Stdout { get; set; }

    /// <summary>Standard error; null means the process's (unbuffered).</summary>
    public Stream? Stderr { get; set; }

    /// <summary>Nanoseconds since the Unix epoch; null means the system clock. For deterministic tests.</summary>
    public Func<ulong>? WallClock { get; set; }

    /// <summary>Nanoseconds of a monotonic clock; null means a clock that starts near 0 with the context, as Wasmtime's does.</summary>
    public Func<ulong>? MonotonicClock { get; set; }

    /// <summary>Fills a buffer with random bytes; null means the system's cryptographic generator.</summary>
    public Action<Span<byte>>? Random { get; set; }
}
