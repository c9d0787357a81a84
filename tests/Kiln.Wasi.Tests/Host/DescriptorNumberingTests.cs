namespace Kiln.Wasi.Tests.Host;

public class DescriptorNumberingTests
{
    [Fact]
    public void Closed_fd_numbers_are_reused_highest_first_then_the_next_past_the_highest()
    {
        using var h = new HostFixture();
        File.WriteAllText(Path.Combine(h.SandboxPath, "x"), "");
        int Open()
        {
            Assert.Equal(Errno.Success, h.Open("x", 0, out int fd, (long)Rights.FdRead));
            return fd;
        }

        // stdio are 0-2 and the sandbox preopen is 3.
        Assert.Equal([4, 5, 6, 7], new[] { Open(), Open(), Open(), Open() });
        Assert.Equal(Errno.Success, h.Wasi.FdClose(h.Guest, 5));
        Assert.Equal(Errno.Success, h.Wasi.FdClose(h.Guest, 7));
        Assert.Equal(7, Open());
        Assert.Equal(5, Open());
        Assert.Equal(8, Open());
        Assert.Equal(Errno.Success, h.Wasi.FdRenumber(h.Guest, 8, 4));
        Assert.Equal(8, Open());
        Assert.Equal(Errno.Badf, h.Wasi.FdClose(h.Guest, 9));
    }
}
