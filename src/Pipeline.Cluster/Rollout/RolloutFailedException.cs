namespace Pipeline.Cluster;

/// <summary>A Deployment did not become available; the message is the full diagnosis (and what rollback did).</summary>
public sealed class RolloutFailedException : ClusterException
{
    /// <summary>Creates the exception from a diagnosis and, when one was attempted, the rollback's result.</summary>
    public RolloutFailedException(RolloutDiagnosis diagnosis, RollbackResult? rollback = null)
        : base(ClusterFailureKind.RolloutFailed, Describe(diagnosis, rollback))
    {
        Diagnosis = diagnosis;
        Rollback = rollback;
    }

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public RolloutFailedException()
    {
        Diagnosis = null!;
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public RolloutFailedException(string message)
        : base(message)
    {
        Diagnosis = null!;
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public RolloutFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnosis = null!;
    }

    /// <summary>Why the rollout failed, pod by pod.</summary>
    public RolloutDiagnosis Diagnosis { get; }

    /// <summary>What rollback did, or null when none was attempted by the thrower.</summary>
    public RollbackResult? Rollback { get; }

    private static string Describe(RolloutDiagnosis diagnosis, RollbackResult? rollback)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        return rollback is null ? diagnosis.ToString() : $"{diagnosis}{Environment.NewLine}  {rollback}";
    }
}
