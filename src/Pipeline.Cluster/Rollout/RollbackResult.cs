using System.Globalization;

namespace Pipeline.Cluster;

/// <summary>The result of rolling a failed Deployment back.</summary>
/// <param name="Outcome">Rolled back, nothing to go back to, or disabled.</param>
/// <param name="FailedRevision">The revision that failed.</param>
/// <param name="RestoredRevision">The revision whose pod template was restored, when rolled back.</param>
/// <param name="RestoredImages">The images of the restored template, when rolled back.</param>
/// <remarks>
/// When the failure ends a <see cref="ClusterDeployment"/>, <see cref="Cleanup"/> says which of the release's objects
/// were removed (those it created) and which were kept (those that existed before).
/// </remarks>
public sealed record RollbackResult(
    RollbackOutcome Outcome,
    long? FailedRevision,
    long? RestoredRevision,
    IReadOnlyList<string> RestoredImages)
{
    /// <summary>What became of the release's other objects, when the failed release was cleaned up.</summary>
    public ReleaseCleanup? Cleanup { get; init; }

    /// <summary>One line for the log and the failure message.</summary>
    public override string ToString() => Cleanup is null ? Revisions() : $"{Revisions()}; {Cleanup}";

    private string Revisions() => Outcome switch
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
