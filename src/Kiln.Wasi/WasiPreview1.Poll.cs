using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;

namespace Kiln.Wasi;

public sealed partial class WasiPreview1
{
    private const int SubscriptionSize = 48;
    private const int EventSize = 32;
    private const byte EventClock = 0;
    private const byte EventFdRead = 1;
    private const byte EventFdWrite = 2;

    /// <summary>
    /// <c>poll_oneoff(in, out, nsubscriptions, nevents*)</c>: waits until a clock expires or an fd is ready, then
    /// reports every ready subscription. Files, stdin and stdout are always ready (reads a moment later, as in
    /// Wasmtime); sockets are polled.
    /// </summary>
    [WasiImport("poll_oneoff")]
    public Errno PollOneoff(GuestMemory memory, int subscriptions, int events, int count, int eventCount)
    {
        if (count == 0)
        {
            return Errno.Inval;
        }
        uint n = (uint)count;
        var subs = memory.Array((uint)subscriptions, n, SubscriptionSize, 8);

        // The guest may wait now: what it printed before should not wait with it.
        Flush();

        // A lone relative clock is a plain sleep.
        if (n == 1 && subs[8] == EventClock && (BinaryPrimitives.ReadUInt16LittleEndian(subs[40..]) & 1) == 0)
        {
            var e = Validate(subs);
            if (e != Errno.Success)
            {
                return e;
            }
            Sleep(BinaryPrimitives.ReadUInt64LittleEndian(subs[24..]));
            WriteEvent(memory, (uint)events, BinaryPrimitives.ReadUInt64LittleEndian(subs), Errno.Success, EventClock, 0, 0);
            memory.WriteU32((uint)eventCount, 1);
            return Errno.Success;
        }

        var deadlines = new long[n];
        var start = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            var sub = subs.Slice(i * SubscriptionSize, SubscriptionSize);
            var err = Validate(sub);
            if (err != Errno.Success)
            {
                return err;
            }
            switch (sub[8])
            {
                case EventClock:
                {
                    ulong timeout = BinaryPrimitives.ReadUInt64LittleEndian(sub[24..]);
                    bool absolute = (BinaryPrimitives.ReadUInt16LittleEndian(sub[40..]) & 1) != 0;
                    if (absolute)
                    {
                        ulong now = BinaryPrimitives.ReadUInt32LittleEndian(sub[16..]) == 0 ? WallClockNow() : MonotonicNow();
                        timeout = timeout > now ? timeout - now : 0;
                    }
                    deadlines[i] = (long)Math.Min(timeout, (ulong)long.MaxValue / 2);
                    break;
                }
                case EventFdRead:
                    if (Get((int)BinaryPrimitives.ReadUInt32LittleEndian(sub[16..])) is not (StdinDescriptor or FileDescriptor or SocketDescriptor))
                    {
                        return Errno.Badf;
                    }
                    break;
                default:
                    if (Get((int)BinaryPrimitives.ReadUInt32LittleEndian(sub[16..])) is not (OutputDescriptor or FileDescriptor or SocketDescriptor))
                    {
                        return Errno.Badf;
                    }
                    break;
            }
        }

        var ready = new bool[n];
        while (true)
        {
            long elapsed = (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            long wait = long.MaxValue;
            bool any = false;
            bool sockets = false;
            bool deferred = false;
            for (int i = 0; i < n; i++)
            {
                var sub = subs.Slice(i * SubscriptionSize, SubscriptionSize);
                if (sub[8] == EventClock)
                {
                    ready[i] = elapsed >= deadlines[i];
                    wait = Math.Min(wait, deadlines[i] - elapsed);
                }
                else if (Get((int)BinaryPrimitives.ReadUInt32LittleEndian(sub[16..])) is SocketDescriptor s)
                {
                    sockets = true;
                    ready[i] = SocketReady(s, sub[8] == EventFdRead ? SelectMode.SelectRead : SelectMode.SelectWrite);
                }
                else
                {
                    deferred |= sub[8] == EventFdRead;
                    ready[i] = sub[8] != EventFdRead;
                }
                any |= ready[i];
            }
            if (!any && deferred)
            {
                // Wasmtime reads files and stdin on a worker, so a read subscription becomes ready a moment
                // after everything else that is ready at once: report reads only when nothing else is.
                for (int i = 0; i < n; i++)
                {
                    var sub = subs.Slice(i * SubscriptionSize, SubscriptionSize);
                    ready[i] = sub[8] == EventFdRead && Get((int)BinaryPrimitives.ReadUInt32LittleEndian(sub[16..])) is not SocketDescriptor;
                }
                any = true;
            }
            if (any)
            {
                break;
            }
            // With sockets to watch, wake up every millisecond; otherwise sleep until the first clock.
            Sleep(sockets ? (ulong)Math.Min(wait, 1_000_000) : (ulong)wait);
        }

        uint written = 0;
        for (int i = 0; i < n; i++)
        {
            if (!ready[i])
            {
                continue;
            }
            var sub = subs.Slice(i * SubscriptionSize, SubscriptionSize);
            ulong userdata = BinaryPrimitives.ReadUInt64LittleEndian(sub);
            uint at = (uint)events + (written * EventSize);
            if (sub[8] == EventClock)
            {
                WriteEvent(memory, at, userdata, Errno.Success, EventClock, 0, 0);
            }
            else
            {
                var d = Get((int)BinaryPrimitives.ReadUInt32LittleEndian(sub[16..]));
                ulong nbytes = 1;
                ushort flags = 0;
                if (sub[8] == EventFdRead && d is FileDescriptor f && HostFs.StatFd(f.Fd.Fd, out var st) == Errno.Success && st.Size <= f.Position)
                {
                    flags = 1;
                }
                else if (sub[8] == EventFdRead && d is SocketDescriptor s)
                {
                    (nbytes, flags) = ReadableBytes(s.Socket);
                }
                WriteEvent(memory, at, userdata, Errno.Success, sub[8], nbytes, flags);
            }
            written++;
        }
        memory.WriteU32((uint)eventCount, written);
        return Errno.Success;
    }

    private static Errno Validate(ReadOnlySpan<byte> sub)
    {
        byte tag = sub[8];
        if (tag > EventFdWrite)
        {
            return Errno.Inval;
        }
        if (tag == EventClock)
        {
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(sub[16..]);
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(sub[40..]);
            if (id > 1 || (flags & ~1) != 0)
            {
                return Errno.Inval;
            }
        }
        return Errno.Success;
    }

    // A connection reports what it can read (0 with hangup at end of stream); a listening socket, which has
    // nothing to read, reports one pending connection.
    private static (ulong Bytes, ushort Flags) ReadableBytes(Socket socket)
    {
        try
        {
            int n = socket.Available;
            return n > 0 ? ((ulong)n, (ushort)0) : (0, (ushort)1);
        }
        catch (SocketException)
        {
            return (1, 0);
        }
    }

    private static bool SocketReady(SocketDescriptor s, SelectMode mode)
    {
        try
        {
            return s.Socket.Poll(0, mode);
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static void WriteEvent(GuestMemory memory, uint at, ulong userdata, Errno error, byte type, ulong nbytes, ushort flags)
    {
        var b = memory.Struct(at, EventSize, 8);
        b.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(b, userdata);
        BinaryPrimitives.WriteUInt16LittleEndian(b[8..], (ushort)error);
        b[10] = type;
        BinaryPrimitives.WriteUInt64LittleEndian(b[16..], nbytes);
        BinaryPrimitives.WriteUInt16LittleEndian(b[24..], flags);
    }

    private static void Sleep(ulong nanoseconds)
    {
        // Thread.Sleep takes at most int.MaxValue milliseconds; longer sleeps go in chunks.
        const ulong Chunk = (ulong)int.MaxValue * 1_000_000UL;
        while (nanoseconds > 0)
        {
            ulong step = Math.Min(nanoseconds, Chunk);
            Thread.Sleep(TimeSpan.FromTicks((long)(step / 100)));
            nanoseconds -= step;
        }
    }
}
