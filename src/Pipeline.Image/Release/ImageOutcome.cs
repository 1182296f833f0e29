using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// What the image stage made of a release: built (a local image to be pushed, or an image the direct builder already
/// pushed) or unchanged (the registry already holds this content under the release tag, whose digest is handed on instead).
/// </summary>
public sealed record ImageOutcome
{
    /// <summary>The release image, <c>registry/artifact:v&lt;release&gt;</c>.</summary>
    public required ImageReference Release { get; init; }

    /// <summary>Every tag of the image: the release first, then the extra tags.</summary>
    public required IReadOnlyList<ImageReference> Tags { get; init; }

    /// <summary>The fingerprint of the inputs, also the image's label.</summary>
    public required ContextFingerprint Fingerprint { get; init; }

    /// <summary>What the builder made; null when unchanged.</summary>
    public ImageBuildResult? Built { get; init; }

    /// <summary>The digest the registry holds under the release when unchanged; null when built.</summary>
    public Digest? RegistryDigest { get; init; }

    /// <summary>True when nothing was built because the registry holds this content.</summary>
    public bool IsUnchanged => Built is null;

    /// <summary>"…:v1.2.3 already holds this content (sha256:…)" when unchanged.</summary>
    public string? UnchangedReason => IsUnchanged ? $"{Release} already holds this content ({RegistryDigest})" : null;
}
