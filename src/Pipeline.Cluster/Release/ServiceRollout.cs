using System.Globalization;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>One service in a release across services: what was applied, how its rollouts ended and what was undone.</summary>
/// <param name="Service">The service.</param>
/// <param name="Changed">Whether this release built and pushed it (only then may a failure roll it back).</param>
/// <param name="Outcome">Rolled out, failed, rolled back or kept.</param>
/// <param name="Applied">Its own objects as applied (the shared Namespace and pull Secret are the release's).</param>
/// <param name="Rollouts">The rollouts that completed, one per Deployment that became available.</param>
/// <param name="Diagnoses">Why each of its Deployments that failed did not become available.</param>
/// <param name="Interruptions">Waits that ended without a diagnosis (an API error, a dropped connection).</param>
public sealed record ServiceRollout(
    DnsLabel Service,
    bool Changed,
    ServiceRolloutOutcome Outcome,
    IReadOnlyList<AppliedObject> Applied,
    IReadOnlyList<RolloutResult> Rollouts,
    IReadOnlyList<RolloutDiagnosis> Diagnoses,
    IReadOnlyList<string> Interruptions)
{
    /// <summary>Whether a Deployment of the service failed to roll out.</summary>
    public bool FailedItself => Diagnoses.Count > 0 || Interruptions.Count > 0;

    /// <summary>Each changed Deployment's rollback (or, with rollback disabled, that it was not done).</summary>
    public IReadOnlyList<RollbackResult> Rollbacks { get; init; } = [];

    /// <summary>What became of the objects it created, when the release was undone for it.</summary>
    public ReleaseCleanup? Cleanup { get; init; }

    /// <summary>One line for the summary: <c>orders-api: rolled back (rolled back from revision 2 to revision 1 (…); …)</c>.</summary>
    public override string ToString() => Outcome switch
    {
        ServiceRolloutOutcome.RolledOut => $"{Service}: rolled out ({Revisions()})",
        ServiceRolloutOutcome.RolledBack => $"{Service}: rolled back ({Undone()})",
        ServiceRolloutOutcome.Failed => $"{Service}: failed ({Failures()}); {Untouched()}",
        _ => $"{Service}: kept ({Revisions()}); {Untouched()}",
    };

    private string Revisions() => Rollouts.Count == 0
        ? "no Deployment"
        : string.Join(", ", Rollouts.Select(rollout => string.Create(
            CultureInfo.InvariantCulture,
            $"{rollout.Namespace}/{rollout.Deployment} revision {rollout.Revision?.ToString(CultureInfo.InvariantCulture) ?? "?"}")));

    private string Failures() => string.Join("; ", Diagnoses.Select(diagnosis => $"{diagnosis.Namespace}/{diagnosis.Deployment}: {diagnosis.Reason}").Concat(Interruptions));

    private string Undone()
    {
        var parts = Rollbacks.Select(rollback => rollback.ToString()).ToList();
        if (Cleanup is not null)
        {
            parts.Add(Cleanup.ToString());
        }

        var failed = FailedItself ? $"its rollout failed: {Failures()}; "
            : Rollouts.Count > 0 ? "its rollout completed, but the release failed; "
            : "the release failed before its rollout was waited for; ";
        return failed + string.Join("; ", parts.DefaultIfEmpty("nothing to undo"));
    }

    private string Untouched()
    {
        if (!Changed)
        {
            return "not rolled back: unchanged in this release";
        }

        // Rollback disabled: say what it would have done.
        var deployments = Applied.Where(item => item.Kind == "Deployment" && item.Change == ApplyChange.Changed).Select(item => item.Reference).ToList();
        var revisions = deployments.Count == 0 ? string.Empty : $"a rollback would return {string.Join(", ", deployments)} to the previous revision; ";
        return $"{revisions}{Cleanup?.ToString() ?? "rollback is disabled"}";
    }
}
