using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>An image the direct builder wrote and pushed.</summary>
/// <param name="Tags">The tags the manifest was put under.</param>
/// <param name="Fingerprint">The build's fingerprint (also a label).</param>
/// <param name="Labels">The labels the build set (OCI, fingerprint and the request's).</param>
/// <param name="BaseImage">The base's reference (<c>pipeline/local-base:…</c> for the offline base).</param>
/// <param name="ManifestDigest">The pushed manifest's digest, verified with the registry's answer.</param>
/// <param name="ConfigDigest">The image config's digest (the image ID).</param>
/// <param name="LayerDigests">The layers the build added, bottom first.</param>
/// <param name="BytesUploaded">Bytes of the blobs uploaded (layers and config; manifests not counted).</param>
/// <param name="BlobsUploaded">Blobs the registry did not have.</param>
/// <param name="BlobsReused">Blobs the registry had already (found by HEAD).</param>
public sealed record DirectBuiltImage(
    IReadOnlyList<ImageReference> Tags,
    ContextFingerprint Fingerprint,
    IReadOnlyDictionary<string, string> Labels,
    string BaseImage,
    Digest ManifestDigest,
    Digest ConfigDigest,
    IReadOnlyList<Digest> LayerDigests,
    long BytesUploaded,
    int BlobsUploaded,
    int BlobsReused);
