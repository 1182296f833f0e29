namespace Pipeline.Engine;

/// <summary>
/// Thrown from a target's action to report the target as skipped, with a reason, instead of failed
/// (e.g. "orders-api:v3.2.1 already in the registry with the same content"). Dependents still run. A skipped target
/// may still hand on a result (the digest the registry already holds) through <see cref="Result"/>.
/// </summary>
/// <param name="reason">Why the target did nothing; shown in the summary.</param>
/// <param name="result">The target's result all the same, for <see cref="IPipelineBuild.ResultOf{TResult}(Target)"/>; null for none.</param>
public sealed class TargetSkippedException(string reason, object? result = null) : Exception(reason)
{
    /// <summary>Why the target did nothing.</summary>
    public string Reason { get; } = reason;

    /// <summary>What the target hands on although it did nothing, or null.</summary>
    public object? Result { get; } = result;
}
