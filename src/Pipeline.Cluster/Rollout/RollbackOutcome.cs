namespace Pipeline.Cluster;

/// <summary>What happened after a failed rollout.</summary>
public enum RollbackOutcome
{
    /// <summary>The Deployment's pod template was put back to the previous revision's.</summary>
    RolledBack,

    /// <summary>There was no earlier revision to go back to (a first deploy).</summary>
    NoPreviousRevision,

    /// <summary>Rollback was turned off; the failed revision stays.</summary>
    Disabled,
}
