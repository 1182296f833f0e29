using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>
/// Compares what an apply can change: everything but status and server bookkeeping. A controller writing status
/// between our read and our apply moves the resourceVersion without the apply having changed anything.
/// </summary>
internal static class ObjectContent
{
    private static readonly string[] Bookkeeping = ["resourceVersion", "managedFields", "generation"];

    public static bool Same(IKubernetesObject<V1ObjectMeta> before, IKubernetesObject<V1ObjectMeta> after) =>
        JsonNode.DeepEquals(Content(before), Content(after));

    private static JsonNode? Content(IKubernetesObject<V1ObjectMeta> item)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(item));
        if (node is JsonObject root)
        {
            root.Remove("status");
            if (root["metadata"] is JsonObject metadata)
            {
                foreach (var field in Bookkeeping)
                {
                    metadata.Remove(field);
                }
            }
        }

        return node;
    }
}
