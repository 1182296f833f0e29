using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>A manifest the direct builder pushed: its digest and size (for an index entry), its labels, the layers it added.</summary>
internal sealed record DirectPushedManifest(Digest Digest, long Size, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<Digest> LayerDigests);
