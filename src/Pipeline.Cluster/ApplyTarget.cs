using k8s;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>
/// The read, apply and delete calls for one object of a supported kind (the client has one method per kind), so
/// applying and removing what a release created go through the same table.
/// </summary>
internal sealed class ApplyTarget
{
    /// <summary>The kinds this stage applies, in the words of their manifests; every other kind is refused before anything is applied.</summary>
    private static readonly (Type Model, string ApiVersion, string Kind)[] Supported =
    [
        (typeof(V1Namespace), V1Namespace.KubeApiVersion, V1Namespace.KubeKind),
        (typeof(V1ServiceAccount), V1ServiceAccount.KubeApiVersion, V1ServiceAccount.KubeKind),
        (typeof(V1Secret), V1Secret.KubeApiVersion, V1Secret.KubeKind),
        (typeof(V1ConfigMap), V1ConfigMap.KubeApiVersion, V1ConfigMap.KubeKind),
        (typeof(V1PersistentVolumeClaim), V1PersistentVolumeClaim.KubeApiVersion, V1PersistentVolumeClaim.KubeKind),
        (typeof(V1Service), V1Service.KubeApiVersion, V1Service.KubeKind),
        (typeof(V1Ingress), $"{V1Ingress.KubeGroup}/{V1Ingress.KubeApiVersion}", V1Ingress.KubeKind),
        (typeof(V2HorizontalPodAutoscaler), $"{V2HorizontalPodAutoscaler.KubeGroup}/{V2HorizontalPodAutoscaler.KubeApiVersion}", V2HorizontalPodAutoscaler.KubeKind),
        (typeof(V1PodDisruptionBudget), $"{V1PodDisruptionBudget.KubeGroup}/{V1PodDisruptionBudget.KubeApiVersion}", V1PodDisruptionBudget.KubeKind),
        (typeof(V1Deployment), $"{V1Deployment.KubeGroup}/{V1Deployment.KubeApiVersion}", V1Deployment.KubeKind),
    ];

    /// <summary>"v1 Namespace, v1 ServiceAccount, … and apps/v1 Deployment".</summary>
    internal static readonly string SupportedKinds =
        string.Join(", ", Supported[..^1].Select(Describe)) + " and " + Describe(Supported[^1]);

    private readonly Func<CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> _read;
    private readonly Func<V1Patch, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> _apply;
    private readonly Func<CancellationToken, Task> _delete;

    private ApplyTarget(
        Func<CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> read,
        Func<V1Patch, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> apply,
        Func<CancellationToken, Task> delete)
    {
        _read = read;
        _apply = apply;
        _delete = delete;
    }

    public Task<IKubernetesObject<V1ObjectMeta>> ReadAsync(CancellationToken cancellationToken) => _read(cancellationToken);

    public Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(V1Patch patch, CancellationToken cancellationToken) => _apply(patch, cancellationToken);

    /// <summary>Deletes the object; the server removes what it owns in the background (a Namespace's contents, a Deployment's ReplicaSets).</summary>
    public Task DeleteAsync(CancellationToken cancellationToken) => _delete(cancellationToken);

    /// <summary>Why <paramref name="item"/> cannot be applied (no name, an unsupported kind, no namespace), or null when it can.</summary>
    public static string? Problem(IKubernetesObject<V1ObjectMeta> item)
    {
        var name = item.Metadata?.Name;
        return string.IsNullOrWhiteSpace(name) ? $"a {item.GetType().Name} without metadata.name cannot be applied: give it a name"
            : !Supported.Any(supported => supported.Model == item.GetType())
                ? $"{item.GetType().Name} '{name}'{Declared(item)} cannot be applied: this stage applies {SupportedKinds}; create it in the cluster yourself, or leave it out"
            : item is not V1Namespace && string.IsNullOrWhiteSpace(item.Metadata!.NamespaceProperty)
                ? $"{item.GetType().Name} '{name}' has no metadata.namespace: set one so it is not applied to whatever namespace the kubeconfig defaults to"
            : null;
    }

    /// <summary>The calls for <paramref name="item"/>, filling in its apiVersion and kind when the model leaves them empty.</summary>
    public static ApplyTarget For(IKubernetes client, IKubernetesObject<V1ObjectMeta> item)
    {
        if (Problem(item) is { } problem)
        {
            throw new ClusterException(ClusterFailureKind.UnsupportedObject, problem);
        }

        var supported = Supported.First(candidate => candidate.Model == item.GetType());
        item.ApiVersion ??= supported.ApiVersion;
        item.Kind ??= supported.Kind;
        return For(client, supported.Kind, item is V1Namespace ? null : item.Metadata.NamespaceProperty, item.Metadata.Name);
    }

    /// <summary>The calls for the object of <paramref name="kind"/> named <paramref name="name"/> (in <paramref name="ns"/> unless cluster-scoped).</summary>
    public static ApplyTarget For(IKubernetes client, string kind, string? ns, string name)
    {
        const string manager = ManifestApplier.FieldManager;
        const string background = "Background";
        return kind switch
        {
            V1Namespace.KubeKind => new(
                ct => Widen(client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct)),
                (patch, ct) => Widen(client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.CoreV1.DeleteNamespaceAsync(name, propagationPolicy: background, cancellationToken: ct)),
            V1ServiceAccount.KubeKind => new(
                ct => Widen(client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1Secret.KubeKind => new(
                ct => Widen(client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.CoreV1.DeleteNamespacedSecretAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1ConfigMap.KubeKind => new(
                ct => Widen(client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1PersistentVolumeClaim.KubeKind => new(
                ct => Widen(client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1Service.KubeKind => new(
                ct => Widen(client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.CoreV1.DeleteNamespacedServiceAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1Ingress.KubeKind => new(
                ct => Widen(client.NetworkingV1.ReadNamespacedIngressAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.NetworkingV1.PatchNamespacedIngressAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.NetworkingV1.DeleteNamespacedIngressAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V2HorizontalPodAutoscaler.KubeKind => new(
                ct => Widen(client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.AutoscalingV2.DeleteNamespacedHorizontalPodAutoscalerAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1PodDisruptionBudget.KubeKind => new(
                ct => Widen(client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            V1Deployment.KubeKind => new(
                ct => Widen(client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct)),
                (patch, ct) => Widen(client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: ct)),
                ct => client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: background, cancellationToken: ct)),
            _ => throw new ClusterException(ClusterFailureKind.UnsupportedObject, $"{kind} '{name}' cannot be applied: this stage applies {SupportedKinds}."),
        };
    }

    // Task<T> is not covariant: each kind's typed result is widened to the common shape here.
    private static async Task<IKubernetesObject<V1ObjectMeta>> Widen<T>(Task<T> call)
        where T : IKubernetesObject<V1ObjectMeta> => await call.ConfigureAwait(false);

    private static string Describe((Type Model, string ApiVersion, string Kind) supported) => $"{supported.ApiVersion} {supported.Kind}";

    // An autoscaling/v1 HorizontalPodAutoscaler is refused although autoscaling/v2 is applied: say which one it was.
    private static string Declared(IKubernetesObject<V1ObjectMeta> item) =>
        string.IsNullOrEmpty(item.ApiVersion) ? string.Empty : $" ({item.ApiVersion})";
}
