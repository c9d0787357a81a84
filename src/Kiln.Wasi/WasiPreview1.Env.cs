namespace Kiln.Wasi;

public sealed partial class WasiPreview1
{
    private const int MaxSignal = 30;

    /// <summary><c>args_get(argv, argv_buf)</c>: writes argv pointers and the NUL-terminated arguments.</summary>
    [WasiImport("args_get")]
    public Errno ArgsGet(GuestMemory memory, int argv, int argvBuf) => WriteStrings(memory, Args, argv, argvBuf);

    /// <summary><c>args_sizes_get(argc*, argv_buf_size*)</c>.</summary>
    [WasiImport("args_sizes_get")]
    public Errno ArgsSizesGet(GuestMemory memory, int argc, int argvBufSize) => WriteSizes(memory, Args, argc, argvBufSize);

    /// <summary><c>environ_get(environ, environ_buf)</c>: writes "NAME=value" strings.</summary>
    [WasiImport("environ_get")]
    public Errno EnvironGet(GuestMemory memory, int environ, int environBuf) => WriteStrings(memory, Environ, environ, environBuf);

    /// <summary><c>environ_sizes_get(count*, buf_size*)</c>.</summary>
    [WasiImport("environ_sizes_get")]
    public Errno EnvironSizesGet(GuestMemory memory, int count, int bufSize) => WriteSizes(memory, Environ, count, bufSize);

    /// <summary><c>clock_res_get(id, resolution*)</c>: 1 ns for realtime and monotonic; badf for the CPU-time clocks, as Wasmtime.</summary>
    [WasiImport("clock_res_get")]
    public Errno ClockResGet(GuestMemory memory, int id, int resolution)
    {
        CheckEnum(id, 3, "Clockid");
        switch ((uint)id)
        {
            case 0 or 1:
                memory.WriteU64((uint)resolution, 1);
                return Errno.Success;
            default:
                return Errno.Badf;
        }
    }

    /// <summary><c>clock_time_get(id, precision, time*)</c>: realtime is Unix-epoch ns; monotonic starts near 0.</summary>
    [WasiImport("clock_time_get")]
    public Errno ClockTimeGet(GuestMemory memory, int id, long precision, int time)
    {
        CheckEnum(id, 3, "Clockid");
        switch ((uint)id)
        {
            case 0:
                memory.WriteU64((uint)time, WallClockNow());
                return Errno.Success;
            case 1:
                memory.WriteU64((uint)time, MonotonicNow());
                return Errno.Success;
            default:
                return Errno.Badf;
        }
    }

    /// <summary><c>random_get(buf, len)</c>.</summary>
    [WasiImport("random_get")]
    public Errno RandomGet(GuestMemory memory, int buf, int length)
    {
        // A buffer over 2 GiB (possible in a 4 GiB memory) is filled in two spans.
        var first = memory.SliceClamped((uint)buf, (uint)length);
        FillRandom(first);
        if ((uint)first.Length < (uint)length)
        {
            FillRandom(memory.Slice((uint)buf + (uint)first.Length, (uint)length - (uint)first.Length));
        }
        return Errno.Success;
    }

    /// <summary><c>proc_exit(code)</c>: throws <see cref="WasiExitException"/>; a code of 126 or more traps, as in Wasmtime.</summary>
    [WasiImport("proc_exit")]
    public void ProcExit(GuestMemory memory, int code)
    {
        Flush();
        if ((uint)code >= 126)
        {
            throw new WasiTrapException("exit with invalid exit status outside of [0..126)");
        }
        throw new WasiExitException(code);
    }

    /// <summary><c>proc_raise(signal)</c>: not supported (notsup), as in Wasmtime; an unknown signal traps.</summary>
    [WasiImport("proc_raise")]
    public Errno ProcRaise(GuestMemory memory, int signal)
    {
        CheckEnum(signal, MaxSignal, "Signal");
        return Errno.Notsup;
    }

    /// <summary><c>sched_yield()</c>.</summary>
    [WasiImport("sched_yield")]
    public Errno SchedYield(GuestMemory memory)
    {
        Thread.Yield();
        return Errno.Success;
    }

    private static Errno WriteStrings(GuestMemory memory, byte[][] strings, int pointers, int buffer)
    {
        uint ptr = (uint)pointers;
        uint buf = (uint)buffer;
        foreach (var s in strings)
        {
            memory.WriteU32(ptr, buf);
            ptr += 4;
            var dest = memory.Slice(buf, (uint)s.Length + 1);
            s.CopyTo(dest);
            dest[^1] = 0;
            buf += (uint)s.Length + 1;
        }
        return Errno.Success;
    }

    private static Errno WriteSizes(GuestMemory memory, byte[][] strings, int countPtr, int sizePtr)
    {
        ulong size = 0;
        foreach (var s in strings)
        {
            size += (ulong)s.Length + 1;
        }
        if (size > uint.MaxValue)
        {
            return Errno.Overflow;
        }
        memory.WriteU32((uint)countPtr, (uint)strings.Length);
        memory.WriteU32((uint)sizePtr, (uint)size);
        return Errno.Success;
    }
}
