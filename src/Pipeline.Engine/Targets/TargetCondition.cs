namespace Pipeline.Engine.Targets;

/// <summary>An <see cref="ITargetDefinition.OnlyWhen"/> condition with the reason shown when it is false.</summary>
internal sealed record TargetCondition(Func<bool> Condition, string ReasonWhenSkipped);
