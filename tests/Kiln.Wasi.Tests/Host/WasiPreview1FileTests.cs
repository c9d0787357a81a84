using System.Text;

namespace Kiln.Wasi.Tests.Host;

/// <summary>The remaining functions, called directly on a fake guest memory.</summary>
public sealed class WasiPreview1FileTests
{
    private static int OpenFile(HostFixture h, string name, string content)
    {
        File.WriteAllText(Path.Combine(h.SandboxPath, name), content);
        Assert.Equal(Errno.Success, h.Open(name, 0, out int fd));
        return fd;
    }

    [Fact]
    public void Pread_and_pwrite_leave_the_position_alone()
    {
        using var h = new HostFixture();
        int fd = OpenFile(h, "p.txt", "abcdef");
        h.SetU32(0, 100);
        h.SetU32(4, 3);
        Assert.Equal(Errno.Success, h.Wasi.FdPread(h.Guest, fd, 0, 1, 2, 8));
        Assert.Equal("cde", Encoding.UTF8.GetString(h.Memory, 100, (int)h.U32(8)));
        int n = h.Put(200, "XY");
        h.SetU32(0, 200);
        h.SetU32(4, (uint)n);
        Assert.Equal(Errno.Success, h.Wasi.FdPwrite(h.Guest, fd, 0, 1, 4, 8));
        Assert.Equal(2u, h.U32(8));
        Assert.Equal(Errno.Success, h.Wasi.FdTell(h.Guest, fd, 16));
        Assert.Equal(0ul, h.U64(16));
        Assert.Equal("abcdXY", File.ReadAllText(Path.Combine(h.SandboxPath, "p.txt")));
        Assert.Equal(Errno.Spipe, h.Wasi.FdTell(h.Guest, 1, 16));
        Assert.Equal(Errno.Spipe, h.Wasi.FdPread(h.Guest, 0, 0, 1, 0, 8));
        Assert.Equal(Errno.Spipe, h.Wasi.FdPwrite(h.Guest, 1, 0, 1, 0, 8));
    }

    [Fact]
    public void Size_times_sync_advise_and_allocate_act_on_files_only()
    {
        using var h = new HostFixture();
        int fd = OpenFile(h, "s.txt", "0123456789");
        Assert.Equal(Errno.Success, h.Wasi.FdFilestatSetSize(h.Guest, fd, 4));
        Assert.Equal(4, new FileInfo(Path.Combine(h.SandboxPath, "s.txt")).Length);
        Assert.Equal(Errno.Success, h.Wasi.FdFilestatSetTimes(h.Guest, fd, 1_000_000_000, 2_000_000_000, 1 | 4));
        Assert.Equal(Errno.Success, h.Wasi.FdFilestatGet(h.Guest, fd, 64));
        Assert.Equal(1_000_000_000ul, h.U64(64 + 40));
        Assert.Equal(2_000_000_000ul, h.U64(64 + 48));
        Assert.Equal(Errno.Inval, h.Wasi.FdFilestatSetTimes(h.Guest, fd, 0, 0, 1 | 2));
        Assert.Equal(Errno.Success, h.Wasi.FdSync(h.Guest, fd));
        Assert.Equal(Errno.Success, h.Wasi.FdDatasync(h.Guest, fd));
        Assert.Equal(Errno.Success, h.Wasi.FdAdvise(h.Guest, fd, 0, 4, 1));
        Assert.Equal(Errno.Notsup, h.Wasi.FdAllocate(h.Guest, fd, 0, 4));
        Assert.Equal(Errno.Notsup, h.Wasi.FdFdstatSetRights(h.Guest, fd, 0, 0));
        Assert.Equal(Errno.Badf, h.Wasi.FdSync(h.Guest, HostFixture.Sandbox));
        Assert.Equal(Errno.Badf, h.Wasi.FdFilestatSetSize(h.Guest, HostFixture.Sandbox, 0));
        Assert.Equal(Errno.Badf, h.Wasi.FdAllocate(h.Guest, 1, 0, 1));
        Assert.Equal(Errno.Badf, h.Wasi.FdFdstatSetRights(h.Guest, 1, 0, 0));
    }

    [Fact]
    public void Path_stat_follows_symlinks_only_when_asked()
    {
        using var h = new HostFixture();
        File.WriteAllText(Path.Combine(h.SandboxPath, "t.txt"), "abc");
        File.CreateSymbolicLink(Path.Combine(h.SandboxPath, "l"), "t.txt");
        int n = h.Put(100, "l");
        Assert.Equal(Errno.Success, h.Wasi.PathFilestatGet(h.Guest, 3, 0, 100, n, 200));
        Assert.Equal((byte)Filetype.SymbolicLink, h.Memory[216]);
        Assert.Equal(Errno.Success, h.Wasi.PathFilestatGet(h.Guest, 3, 1, 100, n, 200));
        Assert.Equal((byte)Filetype.RegularFile, h.Memory[216]);
        Assert.Equal(3ul, h.U64(232));
        Assert.Equal(Errno.Success, h.Wasi.PathFilestatSetTimes(h.Guest, 3, 1, 100, n, 5_000_000_000, 6_000_000_000, 1 | 4));
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 6, DateTimeKind.Utc), File.GetLastWriteTimeUtc(Path.Combine(h.SandboxPath, "t.txt")));
        int m = h.Put(100, "nope");
        Assert.Equal(Errno.Noent, h.Wasi.PathFilestatGet(h.Guest, 3, 0, 100, m, 200));
        Assert.Equal(Errno.Badf, h.Wasi.PathFilestatGet(h.Guest, 1, 0, 100, m, 200));
    }

    [Fact]
    public void Symlink_readlink_unlink_and_rmdir()
    {
        using var h = new HostFixture();
        int target = h.Put(100, "some/target");
        int link = h.Put(200, "lnk");
        Assert.Equal(Errno.Success, h.Wasi.PathSymlink(h.Guest, 100, target, 3, 200, link));
        Assert.Equal(Errno.Exist, h.Wasi.PathSymlink(h.Guest, 100, target, 3, 200, link));
        Assert.Equal(Errno.Success, h.Wasi.PathReadlink(h.Guest, 3, 200, link, 300, 64, 8));
        Assert.Equal("some/target", Encoding.UTF8.GetString(h.Memory, 300, (int)h.U32(8)));
        Assert.Equal(Errno.Success, h.Wasi.PathReadlink(h.Guest, 3, 200, link, 300, 4, 8));
        Assert.Equal(4u, h.U32(8));
        int abs = h.Put(100, "/etc/passwd");
        Assert.Equal(Errno.Perm, h.Wasi.PathSymlink(h.Guest, 100, abs, 3, 200, link));
        Assert.Equal(Errno.Success, h.Wasi.PathUnlinkFile(h.Guest, 3, 200, link));
        Assert.Equal(Errno.Noent, h.Wasi.PathUnlinkFile(h.Guest, 3, 200, link));
        int d = h.Put(100, "d");
        Assert.Equal(Errno.Success, h.Wasi.PathCreateDirectory(h.Guest, 3, 100, d));
        Assert.Equal(Errno.Isdir, h.Wasi.PathUnlinkFile(h.Guest, 3, 100, d));
        Assert.Equal(Errno.Success, h.Wasi.PathRemoveDirectory(h.Guest, 3, 100, d));
        Assert.Equal(Errno.Noent, h.Wasi.PathRemoveDirectory(h.Guest, 3, 100, d));
        Assert.False(Directory.Exists(Path.Combine(h.SandboxPath, "d")));
    }

    [Fact]
    public void Invalid_utf8_path_is_ilseq()
    {
        using var h = new HostFixture();
        h.Memory[100] = 0xFF;
        Assert.Equal(Errno.Ilseq, h.Wasi.PathCreateDirectory(h.Guest, 3, 100, 1));
        Assert.Equal(Errno.Ilseq, h.Wasi.PathOpen(h.Guest, 3, 0, 100, 1, 0, 0, 0, 0, 8));
    }

    [Fact]
    public void Random_yield_raise_and_clock_resolution()
    {
        using var h = new HostFixture(o => o.Random = b => b.Fill(7));
        Assert.Equal(Errno.Success, h.Wasi.RandomGet(h.Guest, 100, 16));
        Assert.All(h.Memory.AsSpan(100, 16).ToArray(), b => Assert.Equal(7, b));
        Assert.Equal(Errno.Success, h.Wasi.SchedYield(h.Guest));
        Assert.Equal(Errno.Notsup, h.Wasi.ProcRaise(h.Guest, 10));
        Assert.Throws<WasiTrapException>(() => h.Wasi.ProcRaise(h.Guest, 31));
        Assert.Equal(Errno.Success, h.Wasi.ClockResGet(h.Guest, 1, 8));
        Assert.Equal(1ul, h.U64(8));
        Assert.Equal(Errno.Badf, h.Wasi.ClockResGet(h.Guest, 3, 8));
    }

    [Fact]
    public void Missing_preopen_directory_fails_construction()
    {
        var options = new WasiOptions { Stdout = new MemoryStream(), Stderr = new MemoryStream(), Stdin = new MemoryStream() };
        options.Preopens.Add(new WasiPreopen("/nonexistent/kiln-wasi", "x"));
        Assert.Throws<DirectoryNotFoundException>(() => new WasiPreview1(options));
    }

    [Fact]
    public void Invoke_dispatches_raw_arguments_by_index()
    {
        using var h = new HostFixture(o => o.WallClock = () => 99);
        int index = WasiPreview1.Functions.Select((f, i) => (f, i)).First(x => x.f.Name == "clock_time_get").i;
        Assert.Equal(0, h.Wasi.Invoke(index, h.Guest, [0, 1, 16]));
        Assert.Equal(99ul, h.U64(16));
    }
}
