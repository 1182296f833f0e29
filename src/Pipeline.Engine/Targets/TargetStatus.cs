namespace Pipeline.Engine.Targets;

/// <summary>How a planned target ended.</summary>
public enum TargetStatus
{
    /// <summary>Its actions ran to the end.</summary>
    Succeeded,

    /// <summary>An action threw.</summary>
    Failed,

    /// <summary>A condition, <c>--skip</c> or a <see cref="TargetSkippedException"/> skipped it.</summary>
    Skipped,

    /// <summary>The build was cancelled while it ran.</summary>
    Cancelled,

    /// <summary>It was planned but not started (an earlier target failed, or the build was cancelled).</summary>
    NotRun,
}
