using Pipeline.Engine.Runtime;

namespace Pipeline.Engine.Targets;

/// <summary>
/// Chooses which targets run and in what order: a topological order over DependsOn, Before/After, Triggers and
/// AlwaysAfter. Ties go to clean-up targets first (so clean-up follows right after what it cleans up), then to
/// declaration order, so the same build always gets the same plan.
/// </summary>
internal static class ExecutionPlanner
{
    /// <exception cref="BuildConfigurationException">The targets form a cycle (the message names it).</exception>
    public static void EnsureAcyclic(TargetGraph graph) => Sort(graph.Targets);

    public static IReadOnlyList<PlannedTarget> Plan(TargetGraph graph, IReadOnlyList<TargetModel> requested, SkipSelection skip)
    {
        var scheduled = Schedule(graph.Targets, requested, skip.OnlyRequested);
        return [.. Sort(scheduled).Select(target => new PlannedTarget(
            target,
            [.. target.AlwaysAfter.Where(scheduled.Contains)],
            skip.Skipped.Contains(target)))];
    }

    private static HashSet<TargetModel> Schedule(IReadOnlyList<TargetModel> all, IReadOnlyList<TargetModel> requested, bool onlyRequested)
    {
        var scheduled = new HashSet<TargetModel>();
        var pending = new Queue<TargetModel>(requested);
        while (pending.TryDequeue(out var target))
        {
            if (!scheduled.Add(target))
            {
                continue;
            }

            // Clean-up is scheduled even with a bare --skip: it is what keeps the machine tidy.
            var next = all.Where(candidate => candidate.AlwaysAfter.Contains(target));
            if (!onlyRequested)
            {
                next = next.Concat(target.DependsOn)
                    .Concat(target.Triggers)
                    .Concat(all.Where(candidate => candidate.TriggeredBy.Contains(target)));
            }

            foreach (var candidate in next)
            {
                pending.Enqueue(candidate);
            }
        }

        return scheduled;
    }

    private static IEnumerable<TargetModel> Predecessors(TargetModel target) =>
        target.DependsOn.Concat(target.After).Concat(target.TriggeredBy).Concat(target.AlwaysAfter);

    private static IEnumerable<TargetModel> Successors(TargetModel target) => target.Before.Concat(target.Triggers);

    private static List<TargetModel> Sort(IReadOnlyCollection<TargetModel> targets)
    {
        var included = targets.ToHashSet();
        var predecessors = targets.ToDictionary(target => target, _ => new HashSet<TargetModel>());
        foreach (var target in targets)
        {
            predecessors[target].UnionWith(Predecessors(target).Where(included.Contains));
            foreach (var successor in Successors(target).Where(included.Contains))
            {
                predecessors[successor].Add(target);
            }
        }

        var ordered = new List<TargetModel>();
        var done = new HashSet<TargetModel>();
        while (ordered.Count < targets.Count)
        {
            var next = targets
                .Where(target => !done.Contains(target) && predecessors[target].IsSubsetOf(done))
                .OrderBy(target => target.AlwaysAfter.Any(included.Contains) ? 0 : 1)
                .ThenBy(target => target.Order)
                .FirstOrDefault()
                ?? throw new BuildConfigurationException($"Targets form a cycle: {DescribeCycle(predecessors, done)}.");
            ordered.Add(next);
            done.Add(next);
        }

        return ordered;
    }

    /// <summary>
    /// Every target left has a predecessor left (else it would be ready), so walking predecessors must repeat:
    /// the walk from the first repeat is the cycle, reversed into running order.
    /// </summary>
    private static string DescribeCycle(Dictionary<TargetModel, HashSet<TargetModel>> predecessors, HashSet<TargetModel> done)
    {
        var walk = new List<TargetModel>();
        var current = predecessors.Keys.Where(target => !done.Contains(target)).MinBy(target => target.Order)!;
        while (!walk.Contains(current))
        {
            walk.Add(current);
            current = predecessors[current].Where(target => !done.Contains(target)).MinBy(target => target.Order)!;
        }

        var cycle = walk[walk.IndexOf(current)..];
        cycle.Reverse();
        cycle.Add(cycle[0]);
        return string.Join(" → ", cycle.Select(target => target.Name));
    }
}
