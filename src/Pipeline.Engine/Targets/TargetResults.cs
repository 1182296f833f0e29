using System.Collections.Concurrent;
using System.Reflection;

namespace Pipeline.Engine.Targets;

/// <summary>What each target of one run returned, keyed by the target's lambda, so any later target can ask for it.</summary>
internal sealed class TargetResults
{
    private readonly ConcurrentDictionary<MethodInfo, object> _results = new();
    private readonly ConcurrentDictionary<MethodInfo, TargetStatus> _statuses = new();
    private HashSet<MethodInfo> _planned = [];

    public void Record(TargetModel target, object result) => _results[target.Key] = result;

    public void RecordStatus(TargetModel target, TargetStatus status) => _statuses[target.Key] = status;

    /// <summary>Keeps which targets this run will run (not those <c>--skip</c> names), before their checks.</summary>
    public void RecordPlan(IEnumerable<PlannedTarget> plan) =>
        _planned = [.. plan.Where(planned => !planned.SkippedByArgument).Select(planned => planned.Target.Key)];

    /// <summary>Whether <paramref name="target"/> runs this run (planned, not skipped by argument); known from the checks on.</summary>
    public bool IsPlanned(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _planned.Contains(target.Method);
    }

    /// <summary>How <paramref name="target"/> ended this run; null while it has not ended or when it was not planned.</summary>
    public TargetStatus? StatusOf(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _statuses.TryGetValue(target.Method, out var status) ? status : null;
    }

    /// <summary>The result <paramref name="target"/> produced this run; null when it did not run, failed, or produced none.</summary>
    /// <exception cref="InvalidOperationException">It produced a result of another type: a bug in the build.</exception>
    public TResult? Find<TResult>(Target target)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_results.TryGetValue(target.Method, out var result))
        {
            return null;
        }

        return result as TResult ?? throw new InvalidOperationException(
            $"Target '{MemberNames.DeclaringProperty(target.Method)}' produced a {result.GetType().Name}, not a {typeof(TResult).Name}.");
    }
}
