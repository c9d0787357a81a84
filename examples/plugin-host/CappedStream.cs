using System.Text;

namespace Kiln.Examples.PluginHost;

/// <summary>
/// A write-only stream that keeps the first <see cref="Capacity"/> bytes written to it and counts the rest, so that a
/// plugin writing to WASI stdout in a loop cannot fill the host's memory.
/// </summary>
public sealed class CappedStream : Stream
{
    private readonly MemoryStream _kept = new();

    /// <summary>Creates a stream keeping at most <paramref name="capacity"/> bytes.</summary>
    public CappedStream(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>The most bytes kept.</summary>
    public int Capacity { get; }

    /// <summary>Bytes written beyond <see cref="Capacity"/> and dropped.</summary>
    public long Dropped { get; private set; }

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => _kept.Length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _kept.Length;
        set => throw new NotSupportedException();
    }

    /// <summary>What was kept, decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int room = (int)Math.Min(buffer.Length, Capacity - _kept.Length);
        _kept.Write(buffer[..room]);
        Dropped += buffer.Length - room;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
