namespace Pipeline.Cluster;

/// <summary>
/// What became of a failed release's objects: those it created are removed (newest first), those that existed before
/// are kept. A kept object that this release configured keeps this release's content: restoring an object's earlier
/// content is not done (only a Deployment goes back to its previous revision, by <see cref="RolloutRollback"/>).
/// </summary>
/// <param name="Removals">Every object this release created, in the order they were removed (reverse apply order).</param>
/// <param name="Kept">The objects that existed before this release, in apply order.</param>
public sealed record ReleaseCleanup(IReadOnlyList<ObjectRemoval> Removals, IReadOnlyList<AppliedObject> Kept)
{
    /// <summary>True when every object this release created is gone.</summary>
    public bool Complete => Removals.All(removal => removal.Outcome == RemovalOutcome.Deleted);

    /// <summary>One sentence for the failure message.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Removals.Count == 0)
        {
            parts.Add("this release created nothing to remove");
        }
        else if (Removals.All(removal => removal.Outcome == RemovalOutcome.Disabled))
        {
            parts.Add($"rollback is disabled, so what this release created stays (a rollback would delete it): {string.Join(", ", Removals.Select(removal => removal.Object.Reference))}");
        }
        else
        {
            parts.Add($"removed what this release created: {string.Join(", ", Removals)}");
        }

        if (Kept.Count > 0)
        {
            var configured = Kept.Any(item => item.Change == ApplyChange.Changed) ? "; a configured one keeps this release's content" : string.Empty;
            parts.Add($"kept what existed before ({string.Join(", ", Kept)}{configured})");
        }

        return string.Join("; ", parts);
    }
}
