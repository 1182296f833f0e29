namespace Pipeline.Doctor;

/// <summary>Every check's result, in the order they ran: engine, registry, cluster.</summary>
/// <param name="Results">The results.</param>
public sealed record DoctorReport(IReadOnlyList<CheckResult> Results)
{
    /// <summary>True when any check failed: publishing would fail.</summary>
    public bool HasFailures => Results.Any(result => result.Status == CheckStatus.Failed);

    /// <summary>The failed checks, for a one-line verdict.</summary>
    public IReadOnlyList<CheckResult> Failures => [.. Results.Where(result => result.Status == CheckStatus.Failed)];
}
