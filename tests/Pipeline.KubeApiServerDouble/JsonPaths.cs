// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Text.Json.Nodes;

namespace Pipeline.KubeApiServerDouble;

/// <summary>Small helpers for reading and writing nested JSON objects.</summary>
internal static class JsonPaths
{
    public static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static string? Text(JsonNode? node, string dottedPath)
    {
        var current = node;
        foreach (var part in dottedPath.Split('.'))
        {
            current = current is JsonObject obj ? obj[part] : null;
        }

        return current is JsonValue value ? value.ToString() : null;
    }

    public static JsonObject Metadata(JsonObject item) => Object(item, "metadata");
}
