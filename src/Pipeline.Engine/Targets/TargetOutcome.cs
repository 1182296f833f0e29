namespace Pipeline.Engine.Targets;

/// <summary>One row of the summary table.</summary>
internal sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration, string Note);
