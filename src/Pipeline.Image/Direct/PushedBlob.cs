using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>A blob the direct build makes sure the registry has: from a file, from memory, or already there (neither).</summary>
internal sealed record PushedBlob(Digest Digest, long Size, string? LocalPath, byte[]? Content)
{
    /// <summary>The repository to mount it from when the target lacks it (a base layer); see <see cref="BaseLayer.MountFrom"/>.</summary>
    public string? MountFrom { get; init; }
}
