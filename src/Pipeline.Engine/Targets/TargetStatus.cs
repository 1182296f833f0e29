namespace Pipeline.Engine.Targets;

/// <summary>How a planned target ended.</summary>
internal enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
    NotRun,
}
