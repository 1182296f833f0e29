using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>The release image as the registry holds it: pushed and verified this run, or found unchanged there.</summary>
/// <param name="Image">The release image, <c>registry/artifact:v&lt;release&gt;</c>.</param>
/// <param name="Digest">The manifest digest the release tag resolves to.</param>
/// <param name="Uploaded">True when this run pushed it; false when the registry already held it.</param>
public sealed record PushedImage(ImageReference Image, Digest Digest, bool Uploaded)
{
    /// <summary><c>registry/artifact:v1.2.3@sha256:…</c>.</summary>
    public override string ToString() => $"{Image}@{Digest}";
}
