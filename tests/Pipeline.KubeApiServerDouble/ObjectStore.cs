// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// The double's "etcd": objects as JSON, a global resourceVersion counter, generation on spec changes, cascading
/// deletes through owner references. Not thread-safe: <see cref="ClusterState"/> serialises every access.
/// </summary>
internal sealed class ObjectStore(TimeProvider timeProvider)
{
    private static readonly string[] VolatileMetadata = ["resourceVersion", "generation", "managedFields", "uid", "creationTimestamp"];

    private readonly Dictionary<ObjectKey, JsonObject> _objects = [];
    private long _resourceVersion;

    public string ResourceVersion => _resourceVersion.ToString(CultureInfo.InvariantCulture);

    public JsonObject? Get(ObjectKey key) => _objects.TryGetValue(key, out var found) ? (JsonObject)found.DeepClone() : null;

    public IReadOnlyList<JsonObject> List(string kind, string? ns) =>
        _objects
            .Where(entry => entry.Key.Kind == kind && (ns is null || entry.Key.Namespace == ns))
            .OrderBy(entry => entry.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(entry => entry.Key.Name, StringComparer.Ordinal)
            .Select(entry => (JsonObject)entry.Value.DeepClone())
            .ToList();

    /// <summary>The Namespace <paramref name="ns"/> and every object in it, as <c>Kind/name</c>.</summary>
    public IReadOnlyList<string> Holds(string ns) =>
        _objects.Keys
            .Where(key => key.Namespace == ns || (key.Kind == "Namespace" && key.Name == ns))
            .Select(key => $"{key.Kind}/{key.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Creates or replaces an object; unchanged content keeps its resourceVersion (a no-op write).</summary>
    public (JsonObject Stored, WriteOutcome Outcome) Write(JsonObject candidate)
    {
        var resource = ApiResource.ByKind(JsonPaths.Text(candidate, "kind") ?? string.Empty);
        var normalized = resource.Normalize(candidate);
        var metadata = JsonPaths.Metadata(normalized);
        var name = JsonPaths.Text(metadata, "name") ?? throw new InvalidOperationException("An object without metadata.name cannot be stored.");
        var ns = resource.Namespaced ? JsonPaths.Text(metadata, "namespace") ?? string.Empty : string.Empty;
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
        }

        var key = new ObjectKey(resource.Kind, ns, name);
        _objects.TryGetValue(key, out var existing);
        if (existing is null)
        {
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            metadata["generation"] = 1L;
            metadata["resourceVersion"] = NextResourceVersion();
            _objects[key] = normalized;
            return ((JsonObject)normalized.DeepClone(), WriteOutcome.Created);
        }

        var existingMetadata = JsonPaths.Metadata(existing);
        metadata["uid"] = existingMetadata["uid"]?.DeepClone();
        metadata["creationTimestamp"] = existingMetadata["creationTimestamp"]?.DeepClone();
        if (JsonNode.DeepEquals(Comparable(existing), Comparable(normalized)))
        {
            return ((JsonObject)existing.DeepClone(), WriteOutcome.Unchanged);
        }

        var generation = long.TryParse(existingMetadata["generation"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var stored) ? stored : 1;
        metadata["generation"] = JsonNode.DeepEquals(existing["spec"], normalized["spec"]) ? generation : generation + 1;
        metadata["resourceVersion"] = NextResourceVersion();
        _objects[key] = normalized;
        return ((JsonObject)normalized.DeepClone(), WriteOutcome.Updated);
    }

    /// <summary>Deletes an object, what it owns (the garbage collector's cascade) and, for a namespace, its contents.</summary>
    public bool Delete(ObjectKey key)
    {
        if (!_objects.Remove(key, out var removed))
        {
            return false;
        }

        var uid = JsonPaths.Text(removed, "metadata.uid");
        var dependents = _objects
            .Where(entry => (key.Kind == "Namespace" && entry.Key.Namespace == key.Name) || IsOwnedBy(entry.Value, uid))
            .Select(entry => entry.Key)
            .ToList();
        foreach (var dependent in dependents)
        {
            Delete(dependent);
        }

        _resourceVersion++;
        return true;
    }

    public T? Get<T>(string kind, string ns, string name)
        where T : class => Get(new ObjectKey(kind, ns, name)) is { } found ? KubernetesJson.Deserialize<T>(found) : null;

    public IReadOnlyList<T> List<T>(string kind, string? ns) =>
        List(kind, ns).Select(item => KubernetesJson.Deserialize<T>(item)).ToList();

    public T Write<T>(T item)
        where T : IKubernetesObject<V1ObjectMeta> =>
        KubernetesJson.Deserialize<T>(Write((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(item))!).Stored);

    private string NextResourceVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Comparable(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        var metadata = JsonPaths.Metadata(copy);
        foreach (var field in VolatileMetadata)
        {
            metadata.Remove(field);
        }

        return copy;
    }

    private static bool IsOwnedBy(JsonObject item, string? uid) =>
        uid is not null
        && JsonPaths.Metadata(item)["ownerReferences"] is JsonArray owners
        && owners.Any(owner => JsonPaths.Text(owner, "uid") == uid);
}
