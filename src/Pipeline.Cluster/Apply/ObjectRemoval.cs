namespace Pipeline.Cluster;

/// <summary>One object this release created, and whether it was removed after the failure.</summary>
/// <param name="Object">The object as the apply reported it (created).</param>
/// <param name="Outcome">Deleted, failed or kept because rollback is disabled.</param>
/// <param name="Failure">Why the delete failed, when it did.</param>
public sealed record ObjectRemoval(AppliedObject Object, RemovalOutcome Outcome, string? Failure = null)
{
    /// <summary>kubectl's wording: <c>secret/regcred (shop) deleted</c>; a failure names the command that finishes the job.</summary>
    public override string ToString() => Outcome switch
    {
        // The server deletes a Namespace's objects with it: the line says so, as it is more than one object.
        RemovalOutcome.Deleted when Object.Kind == "Namespace" => $"{Object.Reference} deleted (with everything in it)",
        RemovalOutcome.Deleted => $"{Object.Reference} deleted",
        RemovalOutcome.Failed => $"{Object.Reference} not deleted ({Failure}): delete it with {Object.DeleteCommand}",
        _ => $"{Object.Reference} kept (rollback is disabled)",
    };
}
