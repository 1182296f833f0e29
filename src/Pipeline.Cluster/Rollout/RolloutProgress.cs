using System.Globalization;
using k8s.Models;

namespace Pipeline.Cluster;

/// <summary>The completion test of <c>kubectl rollout status</c>, on a Deployment's status.</summary>
internal static class RolloutProgress
{
    public static bool IsComplete(V1Deployment deployment)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        return status is not null
            && (status.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0)
            && (status.UpdatedReplicas ?? 0) == desired
            && (status.Replicas ?? 0) == desired
            && (status.AvailableReplicas ?? 0) == desired;
    }

    public static bool HasExceededProgressDeadline(V1Deployment deployment) =>
        (deployment.Status?.Conditions ?? []).Any(condition =>
            condition.Type == "Progressing" && condition.Status == "False" && condition.Reason == "ProgressDeadlineExceeded");

    public static string Describe(V1Deployment deployment)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        if (status is null || (status.ObservedGeneration ?? 0) < (deployment.Metadata.Generation ?? 0))
        {
            return "the controller has not observed the latest generation yet";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{status.UpdatedReplicas ?? 0} of {desired} replicas updated, {status.AvailableReplicas ?? 0} of {status.Replicas ?? 0} available");
    }
}
