using System.Globalization;

namespace Pipeline.Cluster;

/// <summary>The result of rolling a failed Deployment back.</summary>
/// <param name="Outcome">Rolled back, nothing to go back to, or disabled.</param>
/// <param name="FailedRevision">The revision that failed.</param>
/// <param name="RestoredRevision">The revision whose pod template was restored, when rolled back.</param>
/// <param name="RestoredImages">The images of the restored template, when rolled back.</param>
public sealed record RollbackResult(
    RollbackOutcome Outcome,
    long? FailedRevision,
    long? RestoredRevision,
    IReadOnlyList<string> RestoredImages)
{
    /// <summary>One line for the log and the failure message.</summary>
    public override string ToString() => Outcome switch
    {
        RollbackOutcome.RolledBack => string.Create(
            CultureInfo.InvariantCulture,
            $"rolled back from revision {FailedRevision} to revision {RestoredRevision} ({string.Join(", ", RestoredImages)})"),
        RollbackOutcome.NoPreviousRevision => string.Create(
            CultureInfo.InvariantCulture,
            $"not rolled back: revision {FailedRevision?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} has no previous revision"),
        _ => "not rolled back: rollback is disabled",
    };
}
