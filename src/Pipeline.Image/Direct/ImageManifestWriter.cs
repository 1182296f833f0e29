using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image.Direct;

/// <summary>Writes a Docker v2 schema 2 manifest: the config and the layers, the base's first.</summary>
public static class ImageManifestWriter
{
    /// <summary>The manifest JSON bytes.</summary>
    public static byte[] Write(Digest configDigest, long configSize, IReadOnlyList<(Digest Digest, long Size)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaTypes.DockerManifest,
            ["config"] = Descriptor(ManifestMediaTypes.DockerImageConfig, configDigest, configSize),
            ["layers"] = new JsonArray([.. layers.Select(layer => (JsonNode?)Descriptor(ManifestMediaTypes.DockerLayerGzip, layer.Digest, layer.Size))]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(manifest);
    }

    private static JsonObject Descriptor(string mediaType, Digest digest, long size) =>
        new() { ["mediaType"] = mediaType, ["size"] = size, ["digest"] = digest.ToString() };
}
