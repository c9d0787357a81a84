using System.Net.Sockets;

namespace Kiln.Wasi;

public sealed partial class WasiPreview1
{
    /// <summary><c>sock_accept(fd, flags, fd*)</c>: accepts a connection on a preopened listening socket.</summary>
    /// <remarks>Wasmtime answers notsock to every sock_* call; Kiln serves sockets the embedder preopened.</remarks>
    [WasiImport("sock_accept")]
    public Errno SockAccept(GuestMemory memory, int fd, int flags, int opened)
    {
        CheckFlags((uint)flags, (ulong)KnownFdflags, "Fdflags");
        var d = Get(fd);
        if (d is null)
        {
            return Errno.Badf;
        }
        if (d is not SocketDescriptor s)
        {
            return Errno.Notsock;
        }
        Socket conn;
        try
        {
            if (s.NonBlocking && !s.Socket.Poll(0, SelectMode.SelectRead))
            {
                return Errno.Again;
            }
            conn = s.Socket.Accept();
        }
        catch (SocketException e)
        {
            return SocketErrno(e);
        }
        catch (InvalidOperationException)
        {
            return Errno.Inval;
        }
        uint newFd = _table.Push(new SocketDescriptor(conn, ((Fdflags)flags & Fdflags.Nonblock) != 0));
        memory.WriteU32((uint)opened, newFd);
        return Errno.Success;
    }

    /// <summary><c>sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen*, ro_flags*)</c>: flags recv_peek (1) and recv_waitall (2).</summary>
    [WasiImport("sock_recv")]
    public Errno SockRecv(GuestMemory memory, int fd, int riData, int riDataLen, int riFlags, int roDataLen, int roFlags)
    {
        CheckFlags((uint)riFlags, 3, "Riflags");
        var d = Get(fd);
        if (d is null)
        {
            return Errno.Badf;
        }
        if (d is not SocketDescriptor s)
        {
            return Errno.Notsock;
        }
        var buf = FirstNonEmpty(memory, riData, riDataLen);
        var err = Receive(s, buf, (riFlags & 1) != 0 ? SocketFlags.Peek : SocketFlags.None, (riFlags & 2) != 0, out long n);
        if (err != Errno.Success)
        {
            return err;
        }
        memory.WriteU32((uint)roDataLen, (uint)n);
        memory.WriteU16((uint)roFlags, 0);
        return Errno.Success;
    }

    /// <summary><c>sock_send(fd, si_data, si_data_len, si_flags, so_datalen*)</c>.</summary>
    [WasiImport("sock_send")]
    public Errno SockSend(GuestMemory memory, int fd, int siData, int siDataLen, int siFlags, int soDataLen)
    {
        CheckFlags((uint)siFlags, 0, "Siflags");
        var d = Get(fd);
        if (d is null)
        {
            return Errno.Badf;
        }
        if (d is not SocketDescriptor s)
        {
            return Errno.Notsock;
        }
        var buf = FirstNonEmpty(memory, siData, siDataLen);
        var err = Send(s, buf, out long n);
        if (err != Errno.Success)
        {
            return err;
        }
        memory.WriteU32((uint)soDataLen, (uint)n);
        return Errno.Success;
    }

    /// <summary><c>sock_shutdown(fd, how)</c>: how is rd (1), wr (2) or both (3).</summary>
    [WasiImport("sock_shutdown")]
    public Errno SockShutdown(GuestMemory memory, int fd, int how)
    {
        CheckFlags((uint)how, 3, "Sdflags");
        if (how == 0)
        {
            return Errno.Inval;
        }
        var d = Get(fd);
        if (d is null)
        {
            return Errno.Badf;
        }
        if (d is not SocketDescriptor s)
        {
            return Errno.Notsock;
        }
        try
        {
            if (!s.Socket.Connected)
            {
                return Errno.Notconn;
            }
            s.Socket.Shutdown(how switch { 1 => SocketShutdown.Receive, 2 => SocketShutdown.Send, _ => SocketShutdown.Both });
            return Errno.Success;
        }
        catch (SocketException e)
        {
            return SocketErrno(e);
        }
    }

    private static Errno Receive(SocketDescriptor s, Span<byte> buf, SocketFlags flags, bool waitAll, out long received)
    {
        received = 0;
        try
        {
            if (s.NonBlocking && s.Socket.Available == 0 && !s.Socket.Poll(0, SelectMode.SelectRead))
            {
                return Errno.Again;
            }
            do
            {
                int n = s.Socket.Receive(buf[(int)received..], flags);
                if (n == 0)
                {
                    break;
                }
                received += n;
            }
            while (waitAll && received < buf.Length && (flags & SocketFlags.Peek) == 0);
            return Errno.Success;
        }
        catch (SocketException e)
        {
            return SocketErrno(e);
        }
    }

    private static Errno Send(SocketDescriptor s, ReadOnlySpan<byte> buf, out long sent)
    {
        sent = 0;
        try
        {
            if (s.NonBlocking && !s.Socket.Poll(0, SelectMode.SelectWrite))
            {
                return Errno.Again;
            }
            sent = s.Socket.Send(buf);
            return Errno.Success;
        }
        catch (SocketException e)
        {
            return SocketErrno(e);
        }
    }

    private static Errno SocketErrno(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.WouldBlock or SocketError.TryAgain => Errno.Again,
        SocketError.ConnectionReset => Errno.Connreset,
        SocketError.ConnectionAborted => Errno.Connaborted,
        SocketError.NotConnected => Errno.Notconn,
        SocketError.Shutdown => Errno.Pipe,
        SocketError.InvalidArgument => Errno.Inval,
        SocketError.OperationNotSupported => Errno.Notsup,
        SocketError.NotSocket => Errno.Notsock,
        SocketError.Interrupted => Errno.Intr,
        _ => Errno.Io,
    };
}
