using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>Fluent description of a target: relations to other targets, conditions, requirements, actions.</summary>
/// <remarks>Every method returns the same definition so calls chain.</remarks>
public interface ITargetDefinition
{
    /// <summary>Sets the one-line description shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>Schedules <paramref name="targets"/> whenever this target is scheduled and runs them first.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>
    /// Depends on a target of the component <typeparamref name="TComponent"/> (e.g. <c>DependsOn&lt;ICompile&gt;(x =&gt; x.Compile)</c>)
    /// without inheriting it: a build that does not implement the component is a configuration error naming it.
    /// </summary>
    ITargetDefinition DependsOn<TComponent>(Func<TComponent, Target> target);

    /// <summary>
    /// Depends on a target of <typeparamref name="TComponent"/> when the build implements it, else on nothing: how a
    /// target that can take its input from a parameter instead (an image reference) stays usable without the producer.
    /// </summary>
    ITargetDefinition TryDependsOn<TComponent>(Func<TComponent, Target> target);

    /// <summary>Ordering only, and only when the build implements <typeparamref name="TComponent"/>: runs after its target.</summary>
    ITargetDefinition TryAfter<TComponent>(Func<TComponent, Target> target);

    /// <summary>Ordering only: when both are scheduled, this target runs before <paramref name="targets"/>.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Ordering only: when both are scheduled, this target runs after <paramref name="targets"/>.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Schedules <paramref name="targets"/> to run after this target whenever this target is scheduled.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Schedules this target to run after any of <paramref name="targets"/> that is scheduled.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>
    /// Schedules this target whenever any of <paramref name="targets"/> is scheduled and runs it after them,
    /// even when one of them failed or the build was cancelled (then with a fresh cancellation token).
    /// Meant for clean-up such as removing local images; list every target that uses what it cleans up.
    /// </summary>
    ITargetDefinition AlwaysAfter(params Target[] targets);

    /// <summary>
    /// Runs the target only when <paramref name="condition"/> holds, evaluated right before the target would run;
    /// otherwise it is reported as skipped with <paramref name="reasonWhenSkipped"/>. Dependents still run.
    /// </summary>
    ITargetDefinition OnlyWhen(Func<bool> condition, string reasonWhenSkipped);

    /// <summary>
    /// Declares parameters (e.g. <c>() => RegistryPassword</c>) that must have a value. The engine checks the
    /// requirements of every scheduled target before any target runs and names each missing flag and variable.
    /// </summary>
    ITargetDefinition Requires(params Expression<Func<object?>>[] parameters);

    /// <summary>
    /// Adds a check of what this target will use (a file's contents, the kind of credentials) that the engine runs, with
    /// the checks of every other planned target, after binding the parameters and before the first target starts. A
    /// check that throws stops the build (exit 2, no target run) with its message beside every other problem found, so
    /// write the message as the user's fix: the flag, the value, what to do. Checks only read; they change nothing.
    /// </summary>
    ITargetDefinition Validates(Func<CancellationToken, Task> check);

    /// <summary>Adds a synchronous check; see <see cref="Validates(Func{CancellationToken, Task})"/>.</summary>
    ITargetDefinition Validates(Action check);

    /// <summary>Adds a synchronous action. Several actions run in the order they were added.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Adds an asynchronous action. Several actions run in the order they were added.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Adds an asynchronous action that observes the build's cancellation (Ctrl+C, CI cancel).</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>
    /// Adds an action whose value (when not null) is the target's result: computed once per run, kept by the engine, and read by
    /// later targets through <see cref="IPipelineBuild.ResultOf{TResult}(Target)"/> (a digest pushed, manifests rendered).
    /// </summary>
    ITargetDefinition Executes<TResult>(Func<CancellationToken, Task<TResult>> action)
        where TResult : class?;
}
