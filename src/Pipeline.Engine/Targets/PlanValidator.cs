namespace Pipeline.Engine.Targets;

/// <summary>Runs the <see cref="ITargetDefinition.Validates(Func{CancellationToken, Task})"/> checks of every target about to run, all of them.</summary>
internal static class PlanValidator
{
    /// <summary>
    /// One line per failed check: its message (which names the input and the fix), in plan order. The checks run side
    /// by side: they only read, and one that waits (git, a file) need not hold up the others before the first target.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(IReadOnlyList<PlannedTarget> plan, CancellationToken cancellation)
    {
        var checks = plan.Where(planned => !planned.SkippedByArgument)
            .SelectMany(planned => planned.Target.Definition.Validations)
            .Select(check => Task.Run(() => ProblemOfAsync(check, cancellation), cancellation))
            .ToList();
        var problems = new List<string>();
        foreach (var problem in await Task.WhenAll(checks))
        {
            // Two targets can check the same input; each problem is said once.
            if (problem is not null && !problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static async Task<string?> ProblemOfAsync(Func<CancellationToken, Task> check, CancellationToken cancellation)
    {
        try
        {
            await check(cancellation);
            return null;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return exception.Message;
        }
    }
}
