using System.Runtime.InteropServices;

namespace Pipeline.Registry.Http;

/// <summary>
/// A blob to upload: its digest, its length in bytes and a way to open it. The upload opens it once per attempt
/// and streams it, so a layer on disk never has to be in memory.
/// </summary>
public sealed class BlobContent
{
    private const int FileBufferSize = 1 << 16;

    /// <summary>A blob whose bytes <paramref name="open"/> reads, from the start, each time it is called.</summary>
    /// <param name="digest">The digest of the bytes (the registry checks it).</param>
    /// <param name="length">How many bytes <paramref name="open"/> yields (sent as Content-Length).</param>
    /// <param name="open">Opens a fresh stream positioned at the first byte; the caller disposes it.</param>
    public BlobContent(Digest digest, long length, Func<CancellationToken, Task<Stream>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (digest.Algorithm is null)
        {
            throw new ArgumentException("the blob's digest is empty: give the sha256 digest of its bytes", nameof(digest));
        }

        Digest = digest;
        Length = length;
        Open = open;
    }

    /// <summary>The digest of the bytes.</summary>
    public Digest Digest { get; }

    /// <summary>The number of bytes.</summary>
    public long Length { get; }

    /// <summary>Opens a fresh stream over the bytes; the caller disposes it.</summary>
    public Func<CancellationToken, Task<Stream>> Open { get; }

    /// <summary>
    /// The file at <paramref name="path"/>, whose digest the caller computed while writing it. Its length is read
    /// now: a file that changes before the upload fails it instead of sending other bytes.
    /// </summary>
    public static BlobContent FromFile(string path, Digest digest)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"the blob file {file.FullName} does not exist: write the blob before uploading it", file.FullName);
        }

        var fullPath = file.FullName;
        return new BlobContent(
            digest,
            file.Length,
            _ => Task.FromResult<Stream>(new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan)));
    }

    /// <summary>Bytes already in memory (image configs, small layers); the digest is computed here.</summary>
    public static BlobContent FromBytes(ReadOnlyMemory<byte> content)
    {
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
        return new BlobContent(
            Digest.ComputeSha256(content.Span),
            content.Length,
            _ => Task.FromResult<Stream>(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)));
    }

    /// <summary>The digest and length, for logs and messages.</summary>
    public override string ToString() => $"{Digest} ({Length} bytes)";
}
