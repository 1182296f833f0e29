using System.Collections.Frozen;
using System.Reflection;
using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// The <c>apiVersion/kind</c> → model map of every typed object KubernetesClient ships (the same keys
/// <c>KubernetesYaml</c> uses), so an unknown kind is reported by name before deserialising.
/// </summary>
internal static class KubernetesKinds
{
    private static readonly FrozenDictionary<string, Type> BuiltIn = typeof(V1Deployment).Assembly
        .GetTypes()
        .Select(type => (type, entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(pair => pair.entity is not null)
        .ToFrozenDictionary(pair => Key(pair.entity!), pair => pair.type, StringComparer.Ordinal);

    /// <summary>The key for <paramref name="apiVersion"/> (<c>group/version</c> or <c>version</c>) and <paramref name="kind"/>.</summary>
    public static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";

    /// <summary>True when a model exists for the key, built in or among <paramref name="customTypes"/>.</summary>
    public static bool IsKnown(string key, IReadOnlyDictionary<string, Type> customTypes) =>
        BuiltIn.ContainsKey(key) || customTypes.ContainsKey(key);

    private static string Key(KubernetesEntityAttribute entity) =>
        Key(string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}", entity.Kind);
}
