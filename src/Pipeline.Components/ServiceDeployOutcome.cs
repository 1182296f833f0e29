using Pipeline.Cluster;

namespace Pipeline.Components;

/// <summary>
/// How ServiceDeploy's release ended, kept in the build's state because a failed target hands on no result: the
/// GitHub deployment's status names the services that failed and what was rolled back.
/// </summary>
internal sealed class ServiceDeployOutcome
{
    /// <summary>Every service's outcome, when ClusterRelease got that far; null before.</summary>
    public ClusterReleaseResult? Result { get; set; }
}
