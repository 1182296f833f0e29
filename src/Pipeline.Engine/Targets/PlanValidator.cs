namespace Pipeline.Engine.Targets;

/// <summary>Runs the <see cref="ITargetDefinition.Validates(Func{CancellationToken, Task})"/> checks of every target about to run, all of them.</summary>
internal static class PlanValidator
{
    /// <summary>One line per failed check: its message (which names the input and the fix).</summary>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(IReadOnlyList<PlannedTarget> plan, CancellationToken cancellation)
    {
        var problems = new List<string>();
        foreach (var planned in plan.Where(planned => !planned.SkippedByArgument))
        {
            foreach (var check in planned.Target.Definition.Validations)
            {
                try
                {
                    await check(cancellation);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception exception)
                {
                    // Two targets can check the same input; each problem is said once.
                    if (!problems.Contains(exception.Message))
                    {
                        problems.Add(exception.Message);
                    }
                }
            }
        }

        return problems;
    }
}
