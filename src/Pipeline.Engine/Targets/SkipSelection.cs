namespace Pipeline.Engine.Targets;

/// <summary>What <c>--skip</c> asked for: named targets to skip, or (without names) only the requested targets.</summary>
internal sealed record SkipSelection(bool OnlyRequested, IReadOnlySet<TargetModel> Skipped)
{
    public static SkipSelection None { get; } = new(false, new HashSet<TargetModel>());
}
