using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>A layer written to disk as a gzip'd tar, with the two hashes an image needs.</summary>
/// <param name="Path">The <c>.tar.gz</c> file.</param>
/// <param name="Digest">The SHA-256 of the compressed file: the blob's name in the registry and the manifest.</param>
/// <param name="DiffId">The SHA-256 of the uncompressed tar: the config's <c>rootfs.diff_ids</c> entry.</param>
/// <param name="Size">The compressed size in bytes.</param>
public sealed record WrittenLayer(string Path, Digest Digest, Digest DiffId, long Size);
