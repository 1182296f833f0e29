namespace Pipeline.Registry.Http;

/// <summary>
/// Blobs kept as files named by their digest (<c>ROOT/sha256/HEX</c>), e.g. a base image's layers fetched once from
/// another registry. A blob is written to a temporary file beside its place, verified while it streams, then
/// renamed into place: a file under its digest's name always holds those bytes, and a failed or altered download
/// leaves nothing behind.
/// </summary>
public sealed class BlobFileCache
{
    /// <summary>A cache in <paramref name="rootDirectory"/> (created when the first blob arrives).</summary>
    public BlobFileCache(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    /// <summary>Where the blobs are.</summary>
    public string RootDirectory { get; }

    /// <summary>The file <paramref name="digest"/> is, or would be, kept in.</summary>
    public string PathOf(Digest digest)
    {
        if (digest.Algorithm is null)
        {
            throw new ArgumentException("the digest is empty: give the blob's sha256 digest", nameof(digest));
        }

        return Path.Combine(RootDirectory, digest.Algorithm, digest.Hex);
    }

    /// <summary>The cached file of <paramref name="digest"/>, or null when it is not cached.</summary>
    public string? Find(Digest digest) => File.Exists(PathOf(digest)) ? PathOf(digest) : null;

    /// <summary>
    /// The cached file of <paramref name="digest"/>, downloaded from <paramref name="repository"/> through
    /// <paramref name="blobs"/> first when it is not cached yet. Throws what <see cref="IBlobOperations.DownloadAsync"/>
    /// throws, with no file left.
    /// </summary>
    public async Task<string> GetOrDownloadAsync(IBlobOperations blobs, string repository, Digest digest, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var path = PathOf(digest);
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await blobs.DownloadAsync(repository, digest, file, progress, cancellationToken);
            }

            // Another process may have finished the same blob meanwhile: the bytes are the same either way.
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
