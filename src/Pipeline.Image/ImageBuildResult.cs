using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// What a builder made: tags, fingerprint and labels always; then either a local image (the engine builder, still to
/// be pushed and later removed) or a manifest already in the registry (the direct builder, only to be verified).
/// </summary>
public sealed record ImageBuildResult
{
    /// <summary>The builder that made it.</summary>
    public required ImageBuilderKind Builder { get; init; }

    /// <summary>Every tag of the image: the release first, then the extra tags.</summary>
    public required IReadOnlyList<ImageReference> Tags { get; init; }

    /// <summary>The fingerprint of its inputs, also the label <see cref="ContextFingerprint.LabelName"/>.</summary>
    public required ContextFingerprint Fingerprint { get; init; }

    /// <summary>Every label the build set.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>The base image, when the build named one (null for the offline local base or a Dockerfile-decided base).</summary>
    public ImageReference? BaseImage { get; init; }

    /// <summary>The local image id (<c>sha256:…</c>) the engine made; null when nothing is local.</summary>
    public string? LocalImageId { get; init; }

    /// <summary>The manifest digest the registry holds under every tag, when the builder pushed it itself.</summary>
    public Digest? PushedDigest { get; init; }

    /// <summary>The platforms of the image index pushed (<see cref="PushedDigest"/> is the index's), in its order; empty for a single-platform image.</summary>
    public IReadOnlyList<Platform> Platforms { get; init; } = [];

    /// <summary>Each platform's manifest digest, in the order of <see cref="Platforms"/>.</summary>
    public IReadOnlyList<Digest> PlatformDigests { get; init; } = [];

    /// <summary>Bytes the builder uploaded to the registry (0 when it pushed nothing itself or every blob was there).</summary>
    public long UploadedBytes { get; init; }

    /// <summary>Blobs the builder uploaded (the registry lacked them).</summary>
    public int UploadedBlobs { get; init; }

    /// <summary>Blobs the registry had already (found by HEAD).</summary>
    public int ReusedBlobs { get; init; }

    /// <summary>The layers the build added, bottom first, when the builder wrote them itself (for an index, each platform's in turn).</summary>
    public IReadOnlyList<Digest> LayerDigests { get; init; } = [];

    /// <summary>True when the image is already in the registry and needs only verifying, not pushing.</summary>
    public bool IsPushed => PushedDigest is not null;
}
