// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Text.Json.Nodes;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// The three patch types the double understands. Server-side apply is simplified: with one field manager owning
/// everything it sets, applying means "the applied fields replace ours; server-owned fields (status, the deployment
/// controller's annotations) stay". No field ownership conflicts are tracked.
/// </summary>
internal static class Patches
{
    private const string ControllerAnnotationPrefix = "deployment.kubernetes.io/";

    public static JsonObject Apply(JsonObject? current, JsonObject applied)
    {
        var result = (JsonObject)applied.DeepClone();
        var metadata = JsonPaths.Metadata(result);
        foreach (var field in new[] { "resourceVersion", "uid", "generation", "creationTimestamp", "managedFields" })
        {
            metadata.Remove(field);
        }

        if (current is null)
        {
            return result;
        }

        if (current["status"] is { } status)
        {
            result["status"] = status.DeepClone();
        }

        if (JsonPaths.Metadata(current)["annotations"] is JsonObject currentAnnotations)
        {
            foreach (var (key, value) in currentAnnotations)
            {
                if (key.StartsWith(ControllerAnnotationPrefix, StringComparison.Ordinal))
                {
                    JsonPaths.Object(metadata, "annotations")[key] = value?.DeepClone();
                }
            }
        }

        return result;
    }

    /// <summary>RFC 7386 JSON merge patch: objects merge, null removes, everything else replaces.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Merge(result[key], value);
            }
        }

        return result;
    }

    /// <summary>RFC 6902 JSON patch with add, remove, replace and test (what <c>kubectl rollout undo</c> needs).</summary>
    public static JsonObject JsonPatch(JsonObject target, JsonArray operations)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = JsonPaths.Text(operation, "op");
            var path = JsonPaths.Text(operation, "path") ?? throw Invalid("a JSON patch operation has no path");
            var segments = path.Split('/').Skip(1).Select(segment => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            if (segments.Count == 0)
            {
                throw Invalid("the double does not patch the whole document");
            }

            var parent = Navigate(result, segments[..^1], path);
            var last = segments[^1];
            var value = operation["value"]?.DeepClone();
            switch (op)
            {
                case "add":
                    Add(parent, last, value, path);
                    break;
                case "replace":
                    Remove(parent, last, path);
                    Add(parent, last, value, path);
                    break;
                case "remove":
                    Remove(parent, last, path);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Child(parent, last, path), value))
                    {
                        throw new PatchException(422, "Invalid", $"the JSON patch test of {path} failed");
                    }

                    break;
                default:
                    throw Invalid($"the JSON patch operation '{op}' is not supported by the double (add, remove, replace, test are)");
            }
        }

        return result;
    }

    private static JsonNode Navigate(JsonNode root, IEnumerable<string> segments, string path)
    {
        var current = root;
        foreach (var segment in segments)
        {
            current = Child(current, segment, path) ?? throw Invalid($"the path {path} does not exist");
        }

        return current;
    }

    private static JsonNode? Child(JsonNode parent, string segment, string path) => parent switch
    {
        JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : throw Invalid($"the path {path} does not exist"),
        JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
        _ => throw Invalid($"the path {path} does not exist"),
    };

    private static void Add(JsonNode parent, string segment, JsonNode? value, string path)
    {
        switch (parent)
        {
            case JsonObject obj:
                obj[segment] = value;
                break;
            case JsonArray array when segment == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw Invalid($"cannot add at {path}");
        }
    }

    private static void Remove(JsonNode parent, string segment, string path)
    {
        var removed = parent switch
        {
            JsonObject obj => obj.Remove(segment),
            JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => RemoveAt(array, index),
            _ => false,
        };
        if (!removed)
        {
            throw Invalid($"the path {path} does not exist");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    private static PatchException Invalid(string message) => new(422, "Invalid", message);
}
