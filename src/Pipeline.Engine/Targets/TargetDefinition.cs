using System.Linq.Expressions;

namespace Pipeline.Engine.Targets;

/// <summary>Records what a <see cref="Target"/> delegate declares; the graph resolves the references later.</summary>
internal sealed class TargetDefinition(object build, string name) : ITargetDefinition
{
    public string? DescriptionText { get; private set; }

    public List<Target> Dependencies { get; } = [];

    public List<Target> RunsBefore { get; } = [];

    public List<Target> RunsAfter { get; } = [];

    public List<Target> Triggered { get; } = [];

    public List<Target> TriggeredByTargets { get; } = [];

    public List<Target> AlwaysAfterTargets { get; } = [];

    public List<TargetCondition> Conditions { get; } = [];

    public List<Expression<Func<object?>>> Requirements { get; } = [];

    /// <summary>The actions in order; what one returns (not null) becomes the target's result.</summary>
    public List<Func<CancellationToken, Task<object?>>> Actions { get; } = [];

    public List<Func<CancellationToken, Task>> Validations { get; } = [];

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => AddTo(Dependencies, targets);

    public ITargetDefinition DependsOn<TComponent>(Func<TComponent, Target> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return build is TComponent component
            ? AddTo(Dependencies, [target(component)])
            : throw new Runtime.BuildConfigurationException(
                $"Target '{name}' depends on a target of {typeof(TComponent).Name}, which this build does not implement: add {typeof(TComponent).Name} to the build class.");
    }

    public ITargetDefinition TryDependsOn<TComponent>(Func<TComponent, Target> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return build is TComponent component ? AddTo(Dependencies, [target(component)]) : this;
    }

    public ITargetDefinition TryAfter<TComponent>(Func<TComponent, Target> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return build is TComponent component ? AddTo(RunsAfter, [target(component)]) : this;
    }

    public ITargetDefinition Before(params Target[] targets) => AddTo(RunsBefore, targets);

    public ITargetDefinition After(params Target[] targets) => AddTo(RunsAfter, targets);

    public ITargetDefinition Triggers(params Target[] targets) => AddTo(Triggered, targets);

    public ITargetDefinition TriggeredBy(params Target[] targets) => AddTo(TriggeredByTargets, targets);

    public ITargetDefinition AlwaysAfter(params Target[] targets) => AddTo(AlwaysAfterTargets, targets);

    public ITargetDefinition OnlyWhen(Func<bool> condition, string reasonWhenSkipped)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Conditions.Add(new TargetCondition(condition, reasonWhenSkipped));
        return this;
    }

    public ITargetDefinition Requires(params Expression<Func<object?>>[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Requirements.AddRange(parameters);
        return this;
    }

    public ITargetDefinition Validates(Func<CancellationToken, Task> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Validations.Add(check);
        return this;
    }

    public ITargetDefinition Validates(Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Validations.Add(_ =>
        {
            check();
            return Task.CompletedTask;
        });
        return this;
    }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(_ =>
        {
            action();
            return Task.FromResult<object?>(null);
        });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(async _ =>
        {
            await action();
            return null;
        });
        return this;
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(async cancellationToken =>
        {
            await action(cancellationToken);
            return null;
        });
        return this;
    }

    public ITargetDefinition Executes<TResult>(Func<CancellationToken, Task<TResult>> action)
        where TResult : class?
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(async cancellationToken => await action(cancellationToken));
        return this;
    }

    private TargetDefinition AddTo(List<Target> list, Target[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        list.AddRange(targets);
        return this;
    }
}
