namespace Kiln.Http.Tests;

public class CappedOutputStreamTests
{
    [Fact]
    public void Written_keeps_every_byte_across_buffer_growth()
    {
        var stream = new CappedOutputStream(1 << 20);
        var expected = new List<byte>();
        for (int i = 0; i < 300; i++)
        {
            byte[] chunk = [.. Enumerable.Range(0, 97).Select(j => (byte)(i + j))];
            stream.Write(chunk);
            expected.AddRange(chunk);
        }

        Assert.Equal(expected, stream.Written.ToArray());
        stream.Dispose();
        Assert.Equal(expected.Count, stream.Written.Length);
        stream.Release();
        Assert.Equal(0, stream.Written.Length);
    }

    [Fact]
    public void Write_past_the_limit_fails_and_flags_overflow()
    {
        var stream = new CappedOutputStream(10);
        stream.Write("0123456789"u8);
        Assert.Throws<IOException>(() => stream.Write("x"u8));
        Assert.True(stream.Overflowed);
        Assert.Equal("0123456789"u8.ToArray(), stream.Written.ToArray());
        stream.Release();
    }
}
