using k8s;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>The read and apply calls for one object, chosen by its model type (the client has one method per kind).</summary>
internal sealed class ApplyTarget
{
    private readonly Func<CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> _read;
    private readonly Func<V1Patch, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> _apply;

    private ApplyTarget(
        Func<CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> read,
        Func<V1Patch, CancellationToken, Task<IKubernetesObject<V1ObjectMeta>>> apply)
    {
        _read = read;
        _apply = apply;
    }

    public Task<IKubernetesObject<V1ObjectMeta>> ReadAsync(CancellationToken cancellationToken) => _read(cancellationToken);

    public Task<IKubernetesObject<V1ObjectMeta>> ApplyAsync(V1Patch patch, CancellationToken cancellationToken) => _apply(patch, cancellationToken);

    /// <summary>The kinds this stage applies; every other kind is refused before anything is applied.</summary>
    private static readonly Type[] Supported =
        [typeof(V1Namespace), typeof(V1Secret), typeof(V1ConfigMap), typeof(V1PersistentVolumeClaim), typeof(V1Service), typeof(V1Ingress), typeof(V1Deployment)];

    private static readonly string SupportedKinds =
        string.Join(", ", Supported.Take(Supported.Length - 1).Select(type => type.Name[2..])) + " and " + Supported[^1].Name[2..];

    /// <summary>Why <paramref name="item"/> cannot be applied (no name, an unsupported kind, no namespace), or null when it can.</summary>
    public static string? Problem(IKubernetesObject<V1ObjectMeta> item)
    {
        var name = item.Metadata?.Name;
        return string.IsNullOrWhiteSpace(name) ? $"a {item.GetType().Name} without metadata.name cannot be applied: give it a name"
            : !Supported.Contains(item.GetType()) ? $"{item.GetType().Name} '{name}' cannot be applied: this stage applies {SupportedKinds}; create it in the cluster yourself, or leave it out"
            : item is not V1Namespace && string.IsNullOrWhiteSpace(item.Metadata!.NamespaceProperty)
                ? $"{item.GetType().Name} '{name}' has no metadata.namespace: set one so it is not applied to whatever namespace the kubeconfig defaults to"
            : null;
    }

    public static ApplyTarget For(IKubernetes client, IKubernetesObject<V1ObjectMeta> item)
    {
        const string manager = ManifestApplier.FieldManager;
        var name = item.Metadata.Name;
        switch (item)
        {
            case V1Namespace ns:
                ns.ApiVersion ??= V1Namespace.KubeApiVersion;
                ns.Kind ??= V1Namespace.KubeKind;
                return new(
                    async ct => await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            case V1Secret secret:
                secret.ApiVersion ??= V1Secret.KubeApiVersion;
                secret.Kind ??= V1Secret.KubeKind;
                var secretNamespace = RequireNamespace(item);
                return new(
                    async ct => await client.CoreV1.ReadNamespacedSecretAsync(name, secretNamespace, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.CoreV1.PatchNamespacedSecretAsync(patch, name, secretNamespace, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            case V1Service service:
                service.ApiVersion ??= V1Service.KubeApiVersion;
                service.Kind ??= V1Service.KubeKind;
                var serviceNamespace = RequireNamespace(item);
                return new(
                    async ct => await client.CoreV1.ReadNamespacedServiceAsync(name, serviceNamespace, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.CoreV1.PatchNamespacedServiceAsync(patch, name, serviceNamespace, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            case V1Deployment deployment:
                deployment.ApiVersion ??= $"{V1Deployment.KubeGroup}/{V1Deployment.KubeApiVersion}";
                deployment.Kind ??= V1Deployment.KubeKind;
                var deploymentNamespace = RequireNamespace(item);
                return new(
                    async ct => await client.AppsV1.ReadNamespacedDeploymentAsync(name, deploymentNamespace, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, deploymentNamespace, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            case V1ConfigMap configMap:
                configMap.ApiVersion ??= V1ConfigMap.KubeApiVersion;
                configMap.Kind ??= V1ConfigMap.KubeKind;
                var configMapNamespace = RequireNamespace(item);
                return new(
                    async ct => await client.CoreV1.ReadNamespacedConfigMapAsync(name, configMapNamespace, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, configMapNamespace, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            case V1PersistentVolumeClaim claim:
                claim.ApiVersion ??= V1PersistentVolumeClaim.KubeApiVersion;
                claim.Kind ??= V1PersistentVolumeClaim.KubeKind;
                var claimNamespace = RequireNamespace(item);
                return new(
                    async ct => await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, claimNamespace, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(patch, name, claimNamespace, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            case V1Ingress ingress:
                ingress.ApiVersion ??= $"{V1Ingress.KubeGroup}/{V1Ingress.KubeApiVersion}";
                ingress.Kind ??= V1Ingress.KubeKind;
                var ingressNamespace = RequireNamespace(item);
                return new(
                    async ct => await client.NetworkingV1.ReadNamespacedIngressAsync(name, ingressNamespace, cancellationToken: ct).ConfigureAwait(false),
                    async (patch, ct) => await client.NetworkingV1.PatchNamespacedIngressAsync(patch, name, ingressNamespace, fieldManager: manager, force: true, cancellationToken: ct).ConfigureAwait(false));
            default:
                throw new ClusterException(
                    ClusterFailureKind.UnsupportedObject,
                    $"{item.GetType().Name} '{name}' cannot be applied: this stage applies {SupportedKinds}.");
        }
    }

    private static string RequireNamespace(IKubernetesObject<V1ObjectMeta> item) =>
        string.IsNullOrWhiteSpace(item.Metadata.NamespaceProperty)
            ? throw new ClusterException(
                ClusterFailureKind.UnsupportedObject,
                $"{item.GetType().Name} '{item.Metadata.Name}' has no metadata.namespace: set one so it is not applied to whatever namespace the kubeconfig defaults to.")
            : item.Metadata.NamespaceProperty;
}
