using System.Security.Cryptography;
using Pipeline.Registry.Http;

namespace Pipeline.Registry.Tests;

/// <summary>Deterministic pseudo-random blobs for transfer tests, written to files or kept in memory.</summary>
internal static class TestBlobs
{
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="length"/> bytes to <paramref name="path"/> in chunks (never all in memory).</summary>
    public static BlobContent File(string path, long length, int seed)
    {
        var random = new Random(seed);
        var chunk = new byte[1 << 20];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = System.IO.File.Create(path))
        {
            for (long written = 0; written < length; written += chunk.Length)
            {
                var count = (int)Math.Min(chunk.Length, length - written);
                random.NextBytes(chunk);
                file.Write(chunk, 0, count);
                hash.AppendData(chunk, 0, count);
            }
        }

        return BlobContent.FromFile(path, Digest.Parse("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())));
    }

    /// <summary>A blob whose stream yields <paramref name="chunks"/> chunks, pausing <paramref name="pause"/> before each (a slow source).</summary>
    public static BlobContent Paced(int chunks, int chunkSize, TimeSpan pause)
    {
        var bytes = Bytes(chunks * chunkSize, seed: 7);
        return new BlobContent(Digest.ComputeSha256(bytes), bytes.Length, _ => Task.FromResult<Stream>(new PacedStream(bytes, chunkSize, pause)));
    }

    /// <summary>An endless-enough stream of zeros claiming <paramref name="length"/> bytes, for doubles that never check them.</summary>
    public static BlobContent Zeros(long length) =>
        new(Digest.ComputeSha256([0]), length, _ => Task.FromResult<Stream>(new ZeroStream(length)));

    private sealed class PacedStream(byte[] bytes, int chunkSize, TimeSpan pause) : MemoryStream(bytes, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(pause, cancellationToken);
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
        }
    }

    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
