using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image.Direct;

/// <summary>
/// Writes a Docker manifest list (the index of a multi-platform image): one entry per platform's manifest, in the
/// order given, Docker's media types as <see cref="ImageManifestWriter"/> writes them, so the same manifests give the same bytes.
/// </summary>
public static class ImageIndexWriter
{
    /// <summary>The manifest list JSON bytes.</summary>
    public static byte[] Write(IReadOnlyList<(Digest Digest, long Size, Platform Platform)> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaTypes.DockerManifestList,
            ["manifests"] = new JsonArray([.. manifests.Select(manifest => (JsonNode?)Entry(manifest.Digest, manifest.Size, manifest.Platform))]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(index);
    }

    private static JsonObject Entry(Digest digest, long size, Platform platform)
    {
        var described = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
        if (platform.Variant is { } variant)
        {
            described["variant"] = variant;
        }

        return new JsonObject { ["mediaType"] = ManifestMediaTypes.DockerManifest, ["size"] = size, ["digest"] = digest.ToString(), ["platform"] = described };
    }
}
