using System.Buffers;

namespace Kiln.Http;

/// <summary>
/// Collects a guest's output in memory up to a limit; a write past it fails with <see cref="IOException"/> (the guest
/// sees an I/O error) and sets <see cref="Overflowed"/>. The buffer comes from <see cref="ArrayPool{T}.Shared"/> on the
/// first write; it stays readable after disposal (the WASI host disposes its stdio before the response is read) and
/// goes back to the pool on <see cref="Release"/>, after which <see cref="Written"/> must no longer be used.
/// </summary>
internal sealed class CappedOutputStream(long limit) : Stream
{
    private byte[] _buffer = [];
    private int _length;

    public bool Overflowed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>What was written so far.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + (long)buffer.Length > limit)
        {
            Overflowed = true;
            throw new IOException($"output exceeds {limit} bytes");
        }

        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + buffer.Length, Math.Max(4096, 2 * _buffer.Length)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            Return();
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    /// <summary>Gives the buffer back to the pool; the stream is empty afterwards.</summary>
    public void Release()
    {
        Return();
        _buffer = [];
        _length = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Return()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
