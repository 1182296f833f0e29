using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// The one list of kinds a manifest may hold: Render refuses any other kind in a team's manifest, and Deploy applies
/// exactly these through one generic path. Adding a kind is one line here (and the API-server double serving it).
/// </summary>
public static class SupportedKinds
{
    /// <summary>Every supported kind, in no particular order (a set's apply order comes from the set).</summary>
    public static IReadOnlyList<SupportedKind> All { get; } =
    [
        SupportedKind.ClusterWide<V1Namespace>(),
        SupportedKind.InNamespace<V1ServiceAccount>(),
        SupportedKind.InNamespace<V1Secret>(),
        SupportedKind.InNamespace<V1ConfigMap>(),
        SupportedKind.InNamespace<V1PersistentVolumeClaim>(),
        SupportedKind.InNamespace<V1Service>(),
        SupportedKind.InNamespace<V1Ingress>(),
        SupportedKind.InNamespace<V2HorizontalPodAutoscaler>(),
        SupportedKind.InNamespace<V1PodDisruptionBudget>(),
        SupportedKind.InNamespace<V1Deployment>(),
    ];

    /// <summary>"v1 Namespace, v1 ServiceAccount, … and apps/v1 Deployment", for messages.</summary>
    public static string Description { get; } = string.Join(", ", All.SkipLast(1)) + " and " + All[^1];

    /// <summary>The supported kind modelled by <paramref name="model"/>, or null.</summary>
    public static SupportedKind? ForModel(Type model) => All.FirstOrDefault(kind => kind.Model == model);

    /// <summary>The supported kind a manifest names with <paramref name="apiVersion"/> and <paramref name="kind"/>, or null.</summary>
    public static SupportedKind? For(string apiVersion, string kind) =>
        All.FirstOrDefault(candidate => candidate.ApiVersion == apiVersion && candidate.Kind == kind);

    /// <summary>The supported kind named <paramref name="kind"/> (kind names are unique in the list), or null.</summary>
    public static SupportedKind? ForKind(string kind) => All.FirstOrDefault(candidate => candidate.Kind == kind);
}
