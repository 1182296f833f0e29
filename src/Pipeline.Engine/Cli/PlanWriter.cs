using Pipeline.Engine.Targets;

namespace Pipeline.Engine.Cli;

/// <summary>Renders a plan on one line: <c>Compile → Image → Push → (CleanImages) → Render → Deploy</c>.</summary>
internal static class PlanWriter
{
    public static string Format(IReadOnlyList<PlannedTarget> plan) => string.Join(" → ", plan.Select(Format));

    private static string Format(PlannedTarget planned)
    {
        var name = planned.IsCleanup ? $"({planned.Target.Name})" : planned.Target.Name;
        return planned.SkippedByArgument ? $"{name} [skipped]" : name;
    }
}
