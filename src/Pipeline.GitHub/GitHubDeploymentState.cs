namespace Pipeline.GitHub;

/// <summary>The states a deploy reports on a GitHub deployment.</summary>
public enum GitHubDeploymentState
{
    /// <summary>The rollout has started.</summary>
    InProgress,

    /// <summary>The rollout finished and the workload is ready.</summary>
    Success,

    /// <summary>The rollout failed (and may have been rolled back).</summary>
    Failure,

    /// <summary>The deployment was never carried out (the deploy was skipped or never reached).</summary>
    Inactive,
}
