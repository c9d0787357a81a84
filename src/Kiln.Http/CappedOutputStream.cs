using System.Buffers;

namespace Kiln.Http;

/// <summary>
/// Collects a guest's output in memory up to a limit; a write past it fails with <see cref="IOException"/> (the guest
/// sees an I/O error) and sets <see cref="Overflowed"/>. The bytes stay readable after disposal (the WASI host disposes its stdio before the response is read).
/// </summary>
internal sealed class CappedOutputStream(long limit) : Stream
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public bool Overflowed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _buffer.WrittenCount;

    public override long Position
    {
        get => _buffer.WrittenCount;
        set => throw new NotSupportedException();
    }

    /// <summary>What was written so far.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.WrittenCount + (long)buffer.Length > limit)
        {
            Overflowed = true;
            throw new IOException($"output exceeds {limit} bytes");
        }

        _buffer.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

}
