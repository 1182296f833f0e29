using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>One layer of the base image as the manifest lists it.</summary>
/// <param name="Digest">The compressed blob's digest.</param>
/// <param name="Size">The compressed size in bytes.</param>
/// <param name="LocalPath">The blob on this machine when it may have to be uploaded (the offline base); null when it is in the registry already.</param>
public sealed record BaseLayer(Digest Digest, long Size, string? LocalPath)
{
    /// <summary>
    /// The repository of the push registry that holds the layer when the target repository does not: it is mounted
    /// from there (no upload, no download); null when the target repository has it or it is uploaded from <see cref="LocalPath"/>.
    /// </summary>
    public string? MountFrom { get; init; }
}
