using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Registry;

namespace Pipeline.Image.Direct;

/// <summary>
/// Writes the image config: the image's settings (the base's with the Dockerfile's applied, see
/// <see cref="DirectBuildPlan.ApplyTo"/>) with the build's labels added, the base's diff-ids followed by ours, one
/// history entry per layer, and the fixed creation time, so the same inputs give the same bytes.
/// </summary>
public static class ImageConfigWriter
{
    /// <summary>The config JSON bytes.</summary>
    /// <param name="baseConfig">The base's config: its platform and history are kept.</param>
    /// <param name="settings">The image's final settings.</param>
    /// <param name="labels">The build's labels (OCI, fingerprint, the request's), added to the settings' own.</param>
    /// <param name="diffIds">Every layer's uncompressed digest, the base's first.</param>
    /// <param name="layerHistory">One "created_by" per layer the build added.</param>
    /// <param name="created">The build time.</param>
    /// <param name="platform">The image's platform, written as its architecture, os and variant; null keeps the base's.</param>
    public static byte[] Write(
        JsonObject baseConfig,
        ContainerSettings settings,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<Digest> diffIds,
        IReadOnlyList<string> layerHistory,
        DateTimeOffset created,
        Platform? platform = null)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(labels);
        var createdText = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var allLabels = new Dictionary<string, string>(settings.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            allLabels[key] = value;
        }

        var run = ContainerSettingsJson.Write(settings with { Labels = allLabels });
        var history = baseConfig["history"] is JsonArray baseHistory ? (JsonArray)baseHistory.DeepClone() : [];
        foreach (var entry in layerHistory)
        {
            history.Add(new JsonObject { ["created"] = createdText, ["created_by"] = entry });
        }

        var config = new JsonObject
        {
            ["architecture"] = platform?.Architecture ?? baseConfig["architecture"]?.DeepClone() ?? "amd64",
            ["config"] = run,
            ["created"] = createdText,
            ["history"] = history,
            ["os"] = platform?.Os ?? baseConfig["os"]?.DeepClone() ?? "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = ContainerSettingsJson.Array(diffIds.Select(id => id.ToString())) },
        };
        var variant = platform is { } built ? (JsonNode?)built.Variant : baseConfig["variant"]?.DeepClone();
        if (variant is not null)
        {
            config["variant"] = variant;
        }

        return JsonSerializer.SerializeToUtf8Bytes(config);
    }
}
