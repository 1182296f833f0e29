namespace Pipeline.Cluster;

/// <summary>What a release across services did to one service.</summary>
public enum ServiceRolloutOutcome
{
    /// <summary>The release succeeded: every Deployment of the service rolled out and serves.</summary>
    RolledOut,

    /// <summary>The service's own rollout failed and it was left as it is (unchanged in this release, or rollback disabled).</summary>
    Failed,

    /// <summary>Changed in this release, which failed: its Deployments went back to their previous revision and what it created was deleted.</summary>
    RolledBack,

    /// <summary>Its rollout completed but the release failed; it was left untouched (unchanged in this release, or rollback disabled).</summary>
    Kept,
}
