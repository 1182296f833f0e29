namespace Pipeline.Engine.Output;

/// <summary>One line of the <see cref="BuildSummary"/>; <see cref="Label"/> is null for plain lines.</summary>
internal sealed record BuildSummaryLine(string? Label, string Value);
