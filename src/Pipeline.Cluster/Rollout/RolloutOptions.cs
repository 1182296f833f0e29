namespace Pipeline.Cluster;

/// <summary>How long and how to wait for a rollout.</summary>
public sealed record RolloutOptions
{
    /// <summary>Give up (and diagnose) after this long. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the Deployment is read. Default 2 seconds.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stop at the first failure waiting will not heal (image pull errors, crash loops, an exceeded progress deadline)
    /// instead of waiting for the timeout. Default true: after Push, a pull failure is a configuration mistake.
    /// </summary>
    public bool FailFast { get; init; } = true;

    /// <summary>Roll back to the previous revision when the rollout fails. Default true.</summary>
    public bool RollbackOnFailure { get; init; } = true;

    /// <summary>How many log lines of a crashing container the diagnosis shows. Default 20.</summary>
    public int LogTailLines { get; init; } = 20;

    /// <summary>How many recent Warning events per pod the diagnosis shows. Default 5.</summary>
    public int EventsPerPod { get; init; } = 5;
}
