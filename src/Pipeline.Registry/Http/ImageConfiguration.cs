namespace Pipeline.Registry.Http;

/// <summary>The parts of an image config blob a build cares about.</summary>
/// <param name="ConfigDigest">The digest of the config blob (the image ID).</param>
/// <param name="Labels">The image labels (<c>config.Labels</c>), e.g. a build-context fingerprint.</param>
/// <param name="Os">The operating system, e.g. <c>linux</c>.</param>
/// <param name="Architecture">The CPU architecture, e.g. <c>amd64</c>.</param>
/// <param name="Created">When the image was created, if recorded.</param>
public sealed record ImageConfiguration(
    Digest ConfigDigest,
    IReadOnlyDictionary<string, string> Labels,
    string? Os,
    string? Architecture,
    DateTimeOffset? Created);
