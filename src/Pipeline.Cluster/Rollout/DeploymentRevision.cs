using System.Globalization;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>Reads the revision number the deployment controller writes on Deployments and their ReplicaSets.</summary>
internal static class DeploymentRevision
{
    public const string Annotation = "deployment.kubernetes.io/revision";

    public static long? Of(V1ObjectMeta? metadata) =>
        metadata?.Annotations is { } annotations
        && annotations.TryGetValue(Annotation, out var value)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;
}
