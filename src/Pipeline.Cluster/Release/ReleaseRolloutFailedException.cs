namespace Pipeline.Cluster;

/// <summary>
/// A release across services failed: at least one service's rollout did not complete. The message has each failed
/// Deployment's diagnosis, then what became of every service (rolled back, kept, failed) and of the shared objects.
/// </summary>
public sealed class ReleaseRolloutFailedException : ClusterException
{
    /// <summary>Creates the exception from the release's per-service result.</summary>
    public ReleaseRolloutFailedException(ClusterReleaseResult result)
        : base(ClusterFailureKind.RolloutFailed, Describe(result))
    {
        Result = result;
    }

    /// <summary>Creates an unnamed failure (kept for serialisation conventions).</summary>
    public ReleaseRolloutFailedException()
    {
        Result = null!;
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/>.</summary>
    public ReleaseRolloutFailedException(string message)
        : base(message)
    {
        Result = null!;
    }

    /// <summary>Creates an unnamed failure with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ReleaseRolloutFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Result = null!;
    }

    /// <summary>Every service with its outcome, rollouts, diagnoses and rollbacks.</summary>
    public ClusterReleaseResult Result { get; }

    /// <summary>The diagnoses of every Deployment that failed, service by service.</summary>
    public IReadOnlyList<RolloutDiagnosis> Diagnoses => Result is null ? [] : [.. Result.Services.SelectMany(service => service.Diagnoses)];

    private static string Describe(ClusterReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failed = result.Services.Where(service => service.FailedItself).ToList();
        var lines = new List<string>
        {
            $"the release of {result.Services.Count} services failed: {string.Join(", ", failed.Select(service => service.Service.Value))} did not roll out",
        };
        foreach (var service in failed)
        {
            lines.AddRange(service.Diagnoses.Select(diagnosis => $"{service.Service}: {diagnosis}"));
            lines.AddRange(service.Interruptions.Select(interruption => $"{service.Service}: {interruption}"));
        }

        lines.Add(result.ToString());
        return string.Join(Environment.NewLine, lines);
    }
}
