namespace Pipeline.Engine.Targets;

/// <summary>A target in the execution order.</summary>
/// <param name="Target">The target.</param>
/// <param name="CleanupAnchors">Scheduled targets it runs <see cref="ITargetDefinition.AlwaysAfter"/>; empty for ordinary targets.</param>
/// <param name="SkippedByArgument">Named by <c>--skip</c>: kept for ordering, reported as skipped.</param>
internal sealed record PlannedTarget(TargetModel Target, IReadOnlyList<TargetModel> CleanupAnchors, bool SkippedByArgument)
{
    public bool IsCleanup => CleanupAnchors.Count > 0;
}
