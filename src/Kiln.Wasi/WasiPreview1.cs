using System.Diagnostics;
using System.Security.Cryptography;

namespace Kiln.Wasi;

/// <summary>
/// The <c>wasi_snapshot_preview1</c> host: one method per WASI function, taking the guest's memory and the raw
/// Wasm arguments and returning the errno, with Wasmtime's results and error codes. It knows nothing of the engine;
/// see <see cref="WasiImportAttribute"/> for how a binding maps the methods to imports.
/// </summary>
/// <remarks>
/// Not thread-safe: one guest instance calls it from one thread. Linux only (the sandbox uses the *at() calls).
/// Dispose it to close every host fd; <see cref="Flush"/> writes out buffered standard output.
/// </remarks>
public sealed partial class WasiPreview1 : IDisposable
{
    private const int OutputBufferSize = 64 * 1024;

    /// <summary>
    /// A write to buffered standard output also writes out the buffer once this long has passed since it was last
    /// written out: a pipe then sees a program's first output, and output after a pause, at once (Wasmtime does not
    /// buffer at all), while a burst of small writes still costs one system call per interval.
    /// </summary>
    private static readonly TimeSpan OutputLatency = TimeSpan.FromMilliseconds(50);

    private readonly WasiOptions _options;
    private readonly DescriptorTable _table = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly OutputDescriptor _stdout;
    private long _stdoutFlushedAt = Stopwatch.GetTimestamp();
    private byte[][]? _args;
    private byte[][]? _environ;

    /// <summary>Creates the host, opening every preopened directory; throws <see cref="DirectoryNotFoundException"/> for a missing one.</summary>
    public WasiPreview1(WasiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;

        var stdin = options.Stdin ?? Console.OpenStandardInput();
        _table.Push(new StdinDescriptor(stdin, options.Stdin is null && Libc.isatty(0) == 1));
        bool stdoutTty = options.Stdout is null && Libc.isatty(1) == 1;
        var stdout = options.Stdout ?? new BufferedStream(Console.OpenStandardOutput(), OutputBufferSize);
        _stdout = new OutputDescriptor(stdout, stdoutTty, isStderr: false);
        _table.Push(_stdout);
        _table.Push(new OutputDescriptor(options.Stderr ?? Console.OpenStandardError(), options.Stderr is null && Libc.isatty(2) == 1, isStderr: true));

        foreach (var p in options.Preopens)
        {
            var err = HostFs.Open(Libc.AT_FDCWD, p.HostPath, Libc.O_RDONLY | Libc.O_DIRECTORY, out var fd);
            if (err != Errno.Success)
            {
                Dispose();
                throw new DirectoryNotFoundException($"cannot preopen '{p.HostPath}': {err}");
            }
            _table.Push(new DirectoryDescriptor(fd!, p.GuestPath, p.ReadOnly));
        }
        foreach (var s in options.ListeningSockets)
        {
            _table.Push(new SocketDescriptor(s, nonBlocking: !s.Blocking));
        }
    }

    /// <summary>Writes out buffered standard output. Call it when the guest exits or traps.</summary>
    public void Flush()
    {
        try
        {
            _stdout.Stream.Flush();
            _stdoutFlushedAt = Stopwatch.GetTimestamp();
        }
        catch (Exception e) when (IsStreamFailure(e))
        {
            // A closed pipe on exit is not the guest's error to report.
        }
    }

    /// <summary>Flushes standard output and closes every descriptor the guest holds.</summary>
    public void Dispose()
    {
        Flush();
        _table.Dispose();
    }

    // Encoded when the guest first asks: most handlers never read their arguments or environment, and a host that
    // creates a context per request (kiln serve) would otherwise encode every CGI variable for nothing.
    private byte[][] Args => _args ??= Encode(_options.Args, static a => a);

    private byte[][] Environ => _environ ??= Encode(_options.Environment, static e => e.Key + "=" + e.Value);

    private static byte[][] Encode<T>(IList<T> items, Func<T, string> text)
    {
        var encoded = new byte[items.Count][];
        for (int i = 0; i < encoded.Length; i++)
        {
            encoded[i] = System.Text.Encoding.UTF8.GetBytes(text(items[i]));
        }

        return encoded;
    }

    private Descriptor? Get(int fd) => _table.Get((uint)fd);

    // Wasmtime's get_dir_fd: only a directory will do; anything else is badf.
    private DirectoryDescriptor? GetDir(int fd) => _table.Get((uint)fd) as DirectoryDescriptor;

    /// <summary>
    /// The directory <paramref name="fd"/> and the guest path a path_* call names, or the errno that refuses them
    /// (badf, ilseq, and perm for a write under a read-only preopen).
    /// </summary>
    private Errno PathTarget(GuestMemory memory, int fd, int path, int pathLen, bool write, out DirectoryDescriptor dir, out string p)
    {
        p = "";
        if (GetDir(fd) is not { } d)
        {
            dir = null!;
            return Errno.Badf;
        }

        dir = d;
        if (!ReadPath(memory, path, pathLen, out p))
        {
            return Errno.Ilseq;
        }

        return write && dir.ReadOnly ? Errno.Perm : Errno.Success;
    }

    private ulong WallClockNow()
    {
        if (_options.WallClock is { } clock)
        {
            return clock();
        }
        return (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100UL;
    }

    private ulong MonotonicNow() => _options.MonotonicClock?.Invoke() ?? (ulong)Stopwatch.GetElapsedTime(_started).Ticks * 100UL;

    private void FillRandom(Span<byte> buffer)
    {
        if (_options.Random is { } random)
        {
            random(buffer);
        }
        else
        {
            RandomNumberGenerator.Fill(buffer);
        }
    }

    // Wasmtime reads or writes only the first non-empty buffer of an iovec array (a short transfer the
    // guest's libc loops over); the array itself must be in bounds and 4-aligned.
    private static Span<byte> FirstNonEmpty(GuestMemory memory, int iovs, int count)
    {
        var array = memory.Array((uint)iovs, (uint)count, 8, 4);
        for (int i = 0; i < array.Length; i += 8)
        {
            uint buf = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(array[i..]);
            uint len = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(array[(i + 4)..]);
            if (len != 0)
            {
                return memory.SliceClamped(buf, len);
            }
        }
        return [];
    }

    // Wasmtime converts enum and flags arguments before the call and traps on a value out of range
    // (an invalid value inside a struct in memory is inval instead).
    private static void CheckEnum(int value, uint max, string type)
    {
        if ((uint)value > max)
        {
            throw new WasiTrapException($"invalid enum value {type}");
        }
    }

    private static void CheckFlags(long value, ulong known, string type)
    {
        if (((ulong)value & ~known) != 0)
        {
            throw new WasiTrapException($"invalid flags value {type}");
        }
    }

    private static bool ReadPath(GuestMemory memory, int ptr, int len, out string path) =>
        memory.TryReadString((uint)ptr, (uint)len, out path);
}
