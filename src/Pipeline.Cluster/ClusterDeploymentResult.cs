namespace Pipeline.Cluster;

/// <summary>What <see cref="ClusterDeployment.DeployAsync"/> did: each object applied and each rollout completed.</summary>
/// <param name="Applied">The objects in apply order, each created, changed or unchanged.</param>
/// <param name="Rollouts">The completed rollouts, one per Deployment.</param>
public sealed record ClusterDeploymentResult(IReadOnlyList<AppliedObject> Applied, IReadOnlyList<RolloutResult> Rollouts)
{
    /// <summary>One line for a summary: how many objects changed and which revisions serve.</summary>
    public override string ToString()
    {
        var changed = Applied.Count(item => item.Change != ApplyChange.Unchanged);
        var revisions = string.Join(", ", Rollouts.Select(rollout => $"{rollout.Namespace}/{rollout.Deployment} revision {rollout.Revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}"));
        return $"{changed} of {Applied.Count} objects changed; {revisions} available";
    }
}
