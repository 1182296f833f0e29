namespace Pipeline.Engine;

/// <summary>
/// Thrown from a target's action to report the target as skipped, with a reason, instead of failed
/// (e.g. "orders-api:v3.2.1 already in the registry with the same content"). Dependents still run.
/// </summary>
/// <param name="reason">Why the target did nothing; shown in the summary.</param>
public sealed class TargetSkippedException(string reason) : Exception(reason)
{
    /// <summary>Why the target did nothing.</summary>
    public string Reason { get; } = reason;
}
