using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>
/// An object as the API server returned it, of any kind: its metadata typed, the rest (spec, status, data) kept as
/// sent, so the generic apply path compares before and after without a model per kind.
/// </summary>
internal sealed class ServedObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; set; } = [];
}
