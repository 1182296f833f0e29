using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>The image a build produced.</summary>
/// <param name="Id">The image ID (<c>sha256:…</c>).</param>
/// <param name="Tags">The tags it was given.</param>
/// <param name="Fingerprint">The fingerprint of its inputs, also stored as the label <see cref="ContextFingerprint.LabelName"/>.</param>
/// <param name="Labels">Every label the build set.</param>
public sealed record BuiltImage(
    string Id,
    IReadOnlyList<ImageReference> Tags,
    ContextFingerprint Fingerprint,
    IReadOnlyDictionary<string, string> Labels);
