using k8s;
using k8s.Models;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>
/// The read, server-side apply and delete calls for one object of a <see cref="SupportedKinds"/> kind, built from
/// the kind's group, version and plural (the client's generic object API, which maps the core group to <c>/api/v1</c>),
/// so applying and removing what a release created go through one path for every kind.
/// </summary>
internal sealed class ApplyTarget
{
    private const string Background = "Background";

    private readonly IKubernetes _client;
    private readonly SupportedKind _kind;
    private readonly string? _namespace;
    private readonly string _name;

    private ApplyTarget(IKubernetes client, SupportedKind kind, string? ns, string name)
    {
        _client = client;
        _kind = kind;
        _namespace = kind.IsNamespaced ? ns : null;
        _name = name;
    }

    public Task<ServedObject> ReadAsync(CancellationToken cancellationToken) => _namespace is null
        ? _client.CustomObjects.GetClusterCustomObjectAsync<ServedObject>(_kind.Group, _kind.Version, _kind.Plural, _name, cancellationToken)
        : _client.CustomObjects.GetNamespacedCustomObjectAsync<ServedObject>(_kind.Group, _kind.Version, _namespace, _kind.Plural, _name, cancellationToken);

    /// <summary>Server-side apply as <see cref="ManifestApplier.FieldManager"/> with force, so fields a manual edit took are taken back.</summary>
    public Task<ServedObject> ApplyAsync(V1Patch patch, CancellationToken cancellationToken) => _namespace is null
        ? _client.CustomObjects.PatchClusterCustomObjectAsync<ServedObject>(
            patch, _kind.Group, _kind.Version, _kind.Plural, _name, fieldManager: ManifestApplier.FieldManager, force: true, cancellationToken: cancellationToken)
        : _client.CustomObjects.PatchNamespacedCustomObjectAsync<ServedObject>(
            patch, _kind.Group, _kind.Version, _namespace, _kind.Plural, _name, fieldManager: ManifestApplier.FieldManager, force: true, cancellationToken: cancellationToken);

    /// <summary>Deletes the object; the server removes what it owns in the background (a Namespace's contents, a Deployment's ReplicaSets).</summary>
    public Task DeleteAsync(CancellationToken cancellationToken) => _namespace is null
        ? _client.CustomObjects.DeleteClusterCustomObjectAsync(_kind.Group, _kind.Version, _kind.Plural, _name, propagationPolicy: Background, cancellationToken: cancellationToken)
        : _client.CustomObjects.DeleteNamespacedCustomObjectAsync(_kind.Group, _kind.Version, _namespace, _kind.Plural, _name, propagationPolicy: Background, cancellationToken: cancellationToken);

    /// <summary>Why <paramref name="item"/> cannot be applied (no name, an unsupported kind, no namespace), or null when it can.</summary>
    public static string? Problem(IKubernetesObject<V1ObjectMeta> item)
    {
        var name = item.Metadata?.Name;
        var kind = SupportedKinds.ForModel(item.GetType());
        return string.IsNullOrWhiteSpace(name) ? $"a {item.GetType().Name} without metadata.name cannot be applied: give it a name"
            : kind is null
                ? $"{item.GetType().Name} '{name}'{Declared(item)} cannot be applied: this stage applies {SupportedKinds.Description}; create it in the cluster yourself, or leave it out"
            : kind.IsNamespaced && string.IsNullOrWhiteSpace(item.Metadata!.NamespaceProperty)
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

        var kind = SupportedKinds.ForModel(item.GetType())!;
        item.ApiVersion ??= kind.ApiVersion;
        item.Kind ??= kind.Kind;
        return new ApplyTarget(client, kind, item.Metadata.NamespaceProperty, item.Metadata.Name);
    }

    /// <summary>The calls for the object of <paramref name="kind"/> named <paramref name="name"/> (in <paramref name="ns"/> unless cluster-scoped).</summary>
    public static ApplyTarget For(IKubernetes client, string kind, string? ns, string name) =>
        SupportedKinds.ForKind(kind) is { } supported
            ? new ApplyTarget(client, supported, ns, name)
            : throw new ClusterException(ClusterFailureKind.UnsupportedObject, $"{kind} '{name}' cannot be applied: this stage applies {SupportedKinds.Description}.");

    /// <summary>Whether objects of <paramref name="item"/>'s kind live in a namespace (false for Namespace itself).</summary>
    public static bool IsNamespaced(IKubernetesObject<V1ObjectMeta> item) => SupportedKinds.ForModel(item.GetType())?.IsNamespaced ?? true;

    // An autoscaling/v1 HorizontalPodAutoscaler is refused although autoscaling/v2 is applied: say which one it was.
    private static string Declared(IKubernetesObject<V1ObjectMeta> item) =>
        string.IsNullOrEmpty(item.ApiVersion) ? string.Empty : $" ({item.ApiVersion})";
}
