using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.Components;

/// <summary>What Render hands on: the manifest set to apply (with the pull Secret, in memory), the image it names, the file written.</summary>
/// <param name="Manifests">The objects to apply, in order.</param>
/// <param name="Image">The image the Deployment runs.</param>
/// <param name="Digest">Its digest when known (pushed this run, found unchanged, or given).</param>
/// <param name="File">The rendered YAML (without the Secret).</param>
public sealed record RenderedRelease(ManifestSet Manifests, ImageReference Image, Digest? Digest, AbsolutePath File);
