using k8s;
using k8s.Models;

namespace Pipeline.Manifests;

/// <summary>
/// The typed objects of one deployment, kept in apply order: Namespaces, then Secrets (the pull Secret first),
/// then everything else (Services, ConfigMaps…), then Deployments, so each object finds what it refers to.
/// The pull Secret is held apart from <see cref="Documents"/> so it is applied but never written to a file.
/// </summary>
public sealed class ManifestSet
{
    /// <summary>Creates a set from <paramref name="documents"/>, stably sorted into apply order.</summary>
    public ManifestSet(IEnumerable<IKubernetesObject<V1ObjectMeta>> documents)
        : this(documents, pullSecret: null)
    {
    }

    private ManifestSet(IEnumerable<IKubernetesObject<V1ObjectMeta>> documents, V1Secret? pullSecret)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Documents = [.. documents.OrderBy(ApplyRank)];
        PullSecret = pullSecret;
    }

    /// <summary>The objects that are written to the manifest file, in apply order (without the pull Secret).</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Documents { get; }

    /// <summary>The pull Secret added with <see cref="WithPullSecret"/>, if any; never written to a file.</summary>
    public V1Secret? PullSecret { get; }

    /// <summary>Every object to apply, in order: Namespaces, the pull Secret, then <see cref="Documents"/>' rest.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ApplyOrder => PullSecret is null
        ? Documents
        : [.. Documents.Where(IsNamespace), PullSecret, .. Documents.Where(d => !IsNamespace(d))];

    /// <summary>The Deployments in the set.</summary>
    public IReadOnlyList<V1Deployment> Deployments => [.. Documents.OfType<V1Deployment>()];

    /// <summary>The same set with <paramref name="pullSecret"/> applied after the Namespaces (replacing an earlier one).</summary>
    /// <exception cref="ManifestException">A Deployment runs in another namespace than the Secret's.</exception>
    public ManifestSet WithPullSecret(PullSecret pullSecret)
    {
        ArgumentNullException.ThrowIfNull(pullSecret);
        // Pods read pull secrets from their own namespace only: a mismatch would surface later as ErrImagePull.
        var elsewhere = Deployments.FirstOrDefault(d => d.Metadata?.NamespaceProperty is { } ns && ns != pullSecret.Namespace.Value);
        if (elsewhere is not null)
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"{pullSecret} is in namespace '{pullSecret.Namespace}' but Deployment '{elsewhere.Metadata.Name}' runs in "
                + $"'{elsewhere.Metadata.NamespaceProperty}', and pods only read pull secrets from their own namespace: "
                + $"create the pull secret in '{elsewhere.Metadata.NamespaceProperty}'");
        }

        return new ManifestSet(Documents, pullSecret.ToV1Secret());
    }

    private static bool IsNamespace(IKubernetesObject<V1ObjectMeta> document) => document is V1Namespace;

    private static int ApplyRank(IKubernetesObject<V1ObjectMeta> document) => document switch
    {
        V1Namespace => 0,
        V1Secret => 1,
        V1Deployment => 3,
        _ => 2,
    };
}
