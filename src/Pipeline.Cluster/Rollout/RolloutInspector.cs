using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>Finds a Deployment's ReplicaSets and the pods of one of them, following owner references like kubectl.</summary>
internal sealed class RolloutInspector(IKubernetes client)
{
    public async Task<V1Deployment> ReadDeploymentAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ClusterException(
                ClusterFailureKind.DeploymentNotFound,
                $"The Deployment '{name}' is not in namespace '{ns}': apply it first (or check the namespace).",
                exception);
        }
    }

    /// <summary>The Deployment's ReplicaSets, oldest revision first.</summary>
    public async Task<IReadOnlyList<V1ReplicaSet>> ListReplicaSetsAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        var list = await client.AppsV1.ListNamespacedReplicaSetAsync(
            deployment.Metadata.NamespaceProperty,
            labelSelector: LabelSelectorText.Format(deployment.Spec?.Selector),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items
            .Where(replicaSet => IsOwnedBy(replicaSet.Metadata, deployment.Metadata.Uid))
            .OrderBy(replicaSet => DeploymentRevision.Of(replicaSet.Metadata) ?? 0)
            .ToList();
    }

    /// <summary>The ReplicaSet of the Deployment's current revision, or null while the controller has not made it.</summary>
    public static V1ReplicaSet? NewReplicaSet(V1Deployment deployment, IReadOnlyList<V1ReplicaSet> replicaSets)
    {
        var revision = DeploymentRevision.Of(deployment.Metadata);
        return revision is null ? null : replicaSets.LastOrDefault(replicaSet => DeploymentRevision.Of(replicaSet.Metadata) == revision);
    }

    public async Task<IReadOnlyList<V1Pod>> ListPodsAsync(V1ReplicaSet replicaSet, CancellationToken cancellationToken)
    {
        var list = await client.CoreV1.ListNamespacedPodAsync(
            replicaSet.Metadata.NamespaceProperty,
            labelSelector: LabelSelectorText.Format(replicaSet.Spec?.Selector),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items
            .Where(pod => IsOwnedBy(pod.Metadata, replicaSet.Metadata.Uid))
            .OrderBy(pod => pod.Metadata.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsOwnedBy(V1ObjectMeta metadata, string? ownerUid) =>
        ownerUid is not null && (metadata.OwnerReferences ?? []).Any(owner => owner.Uid == ownerUid);
}
