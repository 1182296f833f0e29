namespace Pipeline.Engine.Targets;

/// <summary>The outcome of every planned target and of the run.</summary>
internal sealed record BuildResult(IReadOnlyList<TargetOutcome> Outcomes, BuildStatus Status, TimeSpan Duration);
