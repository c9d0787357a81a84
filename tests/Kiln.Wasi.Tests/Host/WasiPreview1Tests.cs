using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Kiln.Wasi.Tests.Host;

public sealed class WasiPreview1Tests
{
    [Fact]
    public void Functions_table_lists_all_46_imports_with_method_signatures()
    {
        Assert.Equal(46, WasiPreview1.Functions.Count);
        var methods = typeof(WasiPreview1).GetMethods()
            .Select(m => (m, a: m.GetCustomAttribute<WasiImportAttribute>()))
            .Where(x => x.a is not null)
            .ToDictionary(x => x.a!.Name, x => x.m);
        foreach (var f in WasiPreview1.Functions)
        {
            var p = methods[f.Name].GetParameters();
            Assert.Equal(typeof(GuestMemory), p[0].ParameterType);
            Assert.Equal(f.Parameters, string.Concat(p.Skip(1).Select(x => x.ParameterType == typeof(int) ? 'i' : 'I')));
            Assert.Equal(f.HasResult, methods[f.Name].ReturnType == typeof(Errno));
        }
    }

    [Fact]
    public void Args_and_environ_are_laid_out_as_pointer_arrays_and_nul_terminated_strings()
    {
        using var h = new HostFixture();
        Assert.Equal(Errno.Success, h.Wasi.ArgsSizesGet(h.Guest, 0, 4));
        Assert.Equal(2u, h.U32(0));
        Assert.Equal(10u, h.U32(4));
        Assert.Equal(Errno.Success, h.Wasi.ArgsGet(h.Guest, 100, 200));
        Assert.Equal(200u, h.U32(100));
        Assert.Equal(205u, h.U32(104));
        Assert.Equal("prog\0arg1\0", Encoding.UTF8.GetString(h.Memory, 200, 10));
        Assert.Equal(Errno.Success, h.Wasi.EnvironSizesGet(h.Guest, 0, 4));
        Assert.Equal(1u, h.U32(0));
        Assert.Equal(4u, h.U32(4));
        Assert.Equal(Errno.Success, h.Wasi.EnvironGet(h.Guest, 100, 200));
        Assert.Equal("K=v\0", Encoding.UTF8.GetString(h.Memory, 200, 4));
    }

    [Fact]
    public void Fdstat_of_stdout_has_witx_layout()
    {
        using var h = new HostFixture();
        h.Memory.AsSpan(0, 24).Fill(0xAA);
        Assert.Equal(Errno.Success, h.Wasi.FdFdstatGet(h.Guest, 1, 0));
        Assert.Equal((byte)Filetype.Unknown, h.Memory[0]);
        Assert.Equal(0, h.Memory[1]);
        Assert.Equal(0, h.U16(2));
        Assert.Equal((ulong)Rights.FdWrite, h.U64(8));
        Assert.Equal((ulong)Rights.FdWrite, h.U64(16));
    }

    [Fact]
    public void Prestat_and_dir_name_describe_the_preopen()
    {
        using var h = new HostFixture();
        Assert.Equal(Errno.Success, h.Wasi.FdPrestatGet(h.Guest, 3, 8));
        Assert.Equal(0, h.Memory[8]);
        Assert.Equal(8u, h.U32(12));
        Assert.Equal(Errno.Success, h.Wasi.FdPrestatDirName(h.Guest, 3, 100, 8));
        Assert.Equal("/sandbox", Encoding.UTF8.GetString(h.Memory, 100, 8));
        Assert.Equal(Errno.Nametoolong, h.Wasi.FdPrestatDirName(h.Guest, 3, 100, 7));
        Assert.Equal(Errno.Badf, h.Wasi.FdPrestatGet(h.Guest, 4, 8));
        Assert.Equal(Errno.Notdir, h.Wasi.FdPrestatDirName(h.Guest, 1, 100, 8));
    }

    [Fact]
    public void Files_round_trip_through_write_seek_and_read()
    {
        using var h = new HostFixture();
        Assert.Equal(Errno.Success, h.Open("f.txt", 1, out int fd));
        Assert.Equal(4, fd);
        int len = h.Put(300, "hello");
        h.SetU32(16, 300);
        h.SetU32(20, (uint)len);
        Assert.Equal(Errno.Success, h.Wasi.FdWrite(h.Guest, fd, 16, 1, 24));
        Assert.Equal(5u, h.U32(24));
        Assert.Equal(Errno.Success, h.Wasi.FdSeek(h.Guest, fd, 1, 0, 32));
        Assert.Equal(1ul, h.U64(32));
        h.SetU32(16, 400);
        h.SetU32(20, 10);
        Assert.Equal(Errno.Success, h.Wasi.FdRead(h.Guest, fd, 16, 1, 24));
        Assert.Equal("ello", Encoding.UTF8.GetString(h.Memory, 400, (int)h.U32(24)));
        Assert.Equal(Errno.Success, h.Wasi.FdFilestatGet(h.Guest, fd, 64));
        Assert.Equal((byte)Filetype.RegularFile, h.Memory[64 + 16]);
        Assert.Equal(5ul, h.U64(64 + 32));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(h.SandboxPath, "f.txt")));
        Assert.Equal(Errno.Success, h.Wasi.FdClose(h.Guest, fd));
        Assert.Equal(Errno.Badf, h.Wasi.FdClose(h.Guest, fd));
    }

    [Theory]
    [InlineData("../outside/canary.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../outside/canary.txt")]
    [InlineData("out")]
    [InlineData("abs")]
    [InlineData("out/canary.txt")]
    public void Path_open_refuses_escapes_with_perm(string path)
    {
        using var h = new HostFixture();
        Directory.CreateDirectory(Path.Combine(h.SandboxPath, "a"));
        File.CreateSymbolicLink(Path.Combine(h.SandboxPath, "out"), "../outside");
        File.CreateSymbolicLink(Path.Combine(h.SandboxPath, "abs"), Path.Combine(h.Root, "outside", "canary.txt"));
        Assert.Equal(Errno.Perm, h.Open(path, 8, out _));
        Assert.Equal("canary", File.ReadAllText(Path.Combine(h.Root, "outside", "canary.txt")));
    }

    [Fact]
    public void Rename_and_link_cannot_move_files_out_of_the_sandbox()
    {
        using var h = new HostFixture();
        File.WriteAllText(Path.Combine(h.SandboxPath, "in.txt"), "x");
        int a = h.Put(100, "in.txt");
        int b = h.Put(200, "../outside/moved.txt");
        Assert.Equal(Errno.Perm, h.Wasi.PathRename(h.Guest, 3, 100, a, 3, 200, b));
        Assert.Equal(Errno.Perm, h.Wasi.PathLink(h.Guest, 3, 0, 100, a, 3, 200, b));
        Assert.False(File.Exists(Path.Combine(h.Root, "outside", "moved.txt")));
    }

    [Fact]
    public void Read_only_preopen_refuses_changes_with_perm()
    {
        using var h = new HostFixture(o => o.Preopens[0] = o.Preopens[0] with { ReadOnly = true });
        int n = h.Put(100, "d");
        Assert.Equal(Errno.Perm, h.Wasi.PathCreateDirectory(h.Guest, 3, 100, n));
        Assert.Equal(Errno.Perm, h.Open("new.txt", 1, out _));
        Assert.False(Directory.Exists(Path.Combine(h.SandboxPath, "d")));
    }

    [Fact]
    public void Readdir_resumes_from_cookies_across_small_buffers()
    {
        using var h = new HostFixture();
        foreach (var name in new[] { "a", "bb", "ccc" })
        {
            File.WriteAllText(Path.Combine(h.SandboxPath, name), "");
        }
        var names = new List<string>();
        ulong cookie = 0;
        for (int guard = 0; guard < 20; guard++)
        {
            Assert.Equal(Errno.Success, h.Wasi.FdReaddir(h.Guest, 3, 1000, 30, (long)cookie, 16));
            uint used = h.U32(16);
            if (used >= 24)
            {
                uint namlen = h.U32(1000 + 16);
                if (24 + namlen <= used)
                {
                    names.Add(Encoding.UTF8.GetString(h.Memory, 1024, (int)namlen));
                }
                Assert.Equal(cookie + 1, h.U64(1000));
                cookie = h.U64(1000);
            }
            if (used < 30)
            {
                break;
            }
        }
        Assert.Equal([".", "..", "a", "bb", "ccc"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Poll_oneoff_reports_an_expired_absolute_clock_at_once()
    {
        using var h = new HostFixture(o => o.MonotonicClock = () => 5_000_000_000);
        h.Memory.AsSpan(0, 96).Clear();
        h.SetU64(0, 7);
        h.Memory[8] = 0;
        h.SetU32(16, 1);
        h.SetU64(24, 1_000);
        h.Memory[40] = 1;
        h.SetU64(48, 8);
        h.Memory[56] = 0;
        h.SetU32(64, 1);
        h.SetU64(72, 60_000_000_000);
        Assert.Equal(Errno.Success, h.Wasi.PollOneoff(h.Guest, 0, 1024, 2, 2000));
        Assert.Equal(1u, h.U32(2000));
        Assert.Equal(7ul, h.U64(1024));
        Assert.Equal(0, h.U16(1024 + 8));
        Assert.Equal(0, h.Memory[1024 + 10]);
        Assert.Equal(Errno.Inval, h.Wasi.PollOneoff(h.Guest, 0, 1024, 0, 2000));
    }

    [Fact]
    public void Clocks_use_injected_sources_and_cputime_is_badf()
    {
        using var h = new HostFixture(o => o.WallClock = () => 123);
        Assert.Equal(Errno.Success, h.Wasi.ClockTimeGet(h.Guest, 0, 0, 8));
        Assert.Equal(123ul, h.U64(8));
        Assert.Equal(Errno.Badf, h.Wasi.ClockTimeGet(h.Guest, 2, 0, 8));
        Assert.Throws<WasiTrapException>(() => h.Wasi.ClockTimeGet(h.Guest, 9, 0, 8));
    }

    [Fact]
    public void Bad_pointers_trap()
    {
        using var h = new HostFixture();
        Assert.Throws<WasiTrapException>(() => h.Wasi.ClockTimeGet(h.Guest, 0, 0, 65535));
        Assert.Throws<WasiTrapException>(() => h.Wasi.ClockTimeGet(h.Guest, 0, 0, 4));
        Assert.Throws<WasiTrapException>(() => h.Wasi.FdWrite(h.Guest, 1, 65532, 2, 0));
    }

    [Fact]
    public void Proc_exit_throws_the_code_and_traps_above_125()
    {
        using var h = new HostFixture();
        Assert.Equal(3, Assert.Throws<WasiExitException>(() => h.Wasi.ProcExit(h.Guest, 3)).ExitCode);
        Assert.Throws<WasiTrapException>(() => h.Wasi.ProcExit(h.Guest, 126));
    }

    [Fact]
    public void Stdout_write_reaches_the_injected_stream()
    {
        using var h = new HostFixture();
        int n = h.Put(100, "out");
        h.SetU32(0, 100);
        h.SetU32(4, (uint)n);
        Assert.Equal(Errno.Success, h.Wasi.FdWrite(h.Guest, 1, 0, 1, 8));
        Assert.Equal(3u, h.U32(8));
        h.Wasi.Flush();
        Assert.Equal("out", Encoding.UTF8.GetString(h.Stdout.ToArray()));
    }

    [Fact]
    public void Renumber_needs_both_fds_open_and_closes_the_target()
    {
        using var h = new HostFixture();
        File.WriteAllText(Path.Combine(h.SandboxPath, "x"), "");
        Assert.Equal(Errno.Success, h.Open("x", 0, out int a, (long)Rights.FdRead));
        Assert.Equal(Errno.Success, h.Open("x", 0, out int b, (long)Rights.FdRead));
        Assert.Equal(Errno.Badf, h.Wasi.FdRenumber(h.Guest, a, 40));
        Assert.Equal(Errno.Success, h.Wasi.FdRenumber(h.Guest, b, a));
        Assert.Equal(Errno.Badf, h.Wasi.FdClose(h.Guest, b));
        Assert.Equal(Errno.Success, h.Wasi.FdClose(h.Guest, a));
    }

    [Fact]
    public void Preopened_listening_socket_accepts_receives_sends_and_shuts_down()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var h = new HostFixture(o => o.ListeningSockets.Add(listener));
        const int sock = 4;
        Assert.Equal(Errno.Success, h.Wasi.FdFdstatGet(h.Guest, sock, 0));
        Assert.Equal((byte)Filetype.SocketStream, h.Memory[0]);
        Assert.Equal(Errno.Success, h.Wasi.FdFdstatSetFlags(h.Guest, sock, (int)Fdflags.Nonblock));
        Assert.Equal(Errno.Again, h.Wasi.SockAccept(h.Guest, sock, 0, 8));

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect((IPEndPoint)listener.LocalEndPoint!);
        client.Send("ping"u8);
        Assert.Equal(Errno.Success, h.Wasi.FdFdstatSetFlags(h.Guest, sock, 0));
        Assert.Equal(Errno.Success, h.Wasi.SockAccept(h.Guest, sock, 0, 8));
        int conn = (int)h.U32(8);
        h.SetU32(16, 200);
        h.SetU32(20, 4);
        Assert.Equal(Errno.Success, h.Wasi.SockRecv(h.Guest, conn, 16, 1, 2, 24, 28));
        Assert.Equal(4u, h.U32(24));
        Assert.Equal("ping", Encoding.UTF8.GetString(h.Memory, 200, 4));
        int n = h.Put(300, "pong");
        h.SetU32(16, 300);
        h.SetU32(20, (uint)n);
        Assert.Equal(Errno.Success, h.Wasi.SockSend(h.Guest, conn, 16, 1, 0, 24));
        var buf = new byte[4];
        Assert.Equal(4, client.Receive(buf));
        Assert.Equal("pong", Encoding.UTF8.GetString(buf));
        Assert.Equal(Errno.Success, h.Wasi.SockShutdown(h.Guest, conn, 3));
        Assert.Equal(0, client.Receive(buf));
        Assert.Equal(Errno.Notsock, h.Wasi.SockShutdown(h.Guest, 3, 3));
        Assert.Equal(Errno.Badf, h.Wasi.SockShutdown(h.Guest, 99, 3));
    }

    [Fact]
    public void Poll_oneoff_waits_for_a_connection_on_a_listening_socket()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var h = new HostFixture(o => o.ListeningSockets.Add(listener));
        h.Memory.AsSpan(0, 96).Clear();
        h.SetU64(0, 1);
        h.Memory[8] = 1;
        h.SetU32(16, 4);
        h.SetU64(48, 2);
        h.Memory[56] = 0;
        h.SetU32(64, 1);
        h.SetU64(72, 50_000_000);
        Assert.Equal(Errno.Success, h.Wasi.PollOneoff(h.Guest, 0, 1024, 2, 2000));
        Assert.Equal(1u, h.U32(2000));
        Assert.Equal(2ul, h.U64(1024));

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect((IPEndPoint)listener.LocalEndPoint!);
        h.SetU64(72, 5_000_000_000);
        Assert.Equal(Errno.Success, h.Wasi.PollOneoff(h.Guest, 0, 1024, 2, 2000));
        Assert.Equal(1u, h.U32(2000));
        Assert.Equal(1ul, h.U64(1024));
        Assert.Equal(1, h.Memory[1024 + 10]);
    }
}
