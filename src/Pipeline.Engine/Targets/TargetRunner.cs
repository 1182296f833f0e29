using System.Diagnostics;
using Pipeline.Engine.Output;

namespace Pipeline.Engine.Targets;

/// <summary>
/// Runs a plan in order. After a failure or cancellation the remaining targets are not run, except clean-up
/// targets whose anchors started: those run (after a cancellation, with a fresh token).
/// </summary>
internal sealed class TargetRunner(BuildOutput output, TargetResults results)
{
    public async Task<BuildResult> RunAsync(IReadOnlyList<PlannedTarget> plan, CancellationToken cancellation)
    {
        var outcomes = new List<TargetOutcome>();
        var started = new HashSet<TargetModel>();
        var failed = false;
        var cancelled = false;
        var total = Stopwatch.StartNew();
        foreach (var planned in plan)
        {
            var name = planned.Target.Name;
            cancelled |= cancellation.IsCancellationRequested;
            if (planned.SkippedByArgument)
            {
                Add(planned.Target, new TargetOutcome(name, TargetStatus.Skipped, TimeSpan.Zero, "--skip"));
                continue;
            }

            var stopping = failed || cancelled;
            if (stopping && !planned.CleanupAnchors.Any(started.Contains))
            {
                Add(planned.Target, new TargetOutcome(name, TargetStatus.NotRun, TimeSpan.Zero, cancelled ? "build cancelled" : ""));
                continue;
            }

            started.Add(planned.Target);
            var token = cancelled ? CancellationToken.None : cancellation;
            var outcome = await RunTargetAsync(planned.Target, token);
            failed |= outcome.Status == TargetStatus.Failed;
            cancelled |= outcome.Status == TargetStatus.Cancelled;
            Add(planned.Target, outcome);
        }

        var status = cancelled ? BuildStatus.Cancelled : failed ? BuildStatus.Failed : BuildStatus.Succeeded;
        return new BuildResult(outcomes, status, total.Elapsed);

        void Add(TargetModel target, TargetOutcome outcome)
        {
            outcomes.Add(outcome);
            results.RecordStatus(target, outcome.Status);
        }
    }

    private async Task<TargetOutcome> RunTargetAsync(TargetModel target, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        output.BeginGroup(target.Name);
        try
        {
            var unmet = target.Definition.Conditions.FirstOrDefault(condition => !condition.Condition());
            if (unmet is not null)
            {
                output.Information($"Skipped: {unmet.ReasonWhenSkipped}", AnsiColor.Dim);
                return new TargetOutcome(target.Name, TargetStatus.Skipped, clock.Elapsed, unmet.ReasonWhenSkipped);
            }

            foreach (var action in target.Definition.Actions)
            {
                if (await action(cancellation) is { } result)
                {
                    results.Record(target, result);
                }
            }

            return new TargetOutcome(target.Name, TargetStatus.Succeeded, clock.Elapsed, "");
        }
        catch (TargetSkippedException skipped)
        {
            if (skipped.Result is { } result)
            {
                results.Record(target, result);
            }

            output.Information($"Skipped: {skipped.Reason}", AnsiColor.Dim);
            return new TargetOutcome(target.Name, TargetStatus.Skipped, clock.Elapsed, skipped.Reason);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            output.Warning($"Target {target.Name} was cancelled.");
            return new TargetOutcome(target.Name, TargetStatus.Cancelled, clock.Elapsed, "cancelled");
        }
        catch (Exception exception)
        {
            output.Error($"Target {target.Name} failed: {exception.Message}");
            if (NeedsStackTrace(exception))
            {
                output.Information(exception.ToString(), AnsiColor.Dim);
            }

            return new TargetOutcome(target.Name, TargetStatus.Failed, clock.Elapsed, FirstLine(exception.Message));
        }
        finally
        {
            output.EndGroup();
        }
    }

    // A stack trace is for a bug, and bugs surface as these types; any other failure (a tool's, whose output is
    // already shown; a bad value's FormatException; a stage's own, naming its input and fix; an API's refusal) is
    // said in full by its message, where a trace would bury the fix under lines of frames.
    private static readonly Type[] ProgrammingErrors =
    [
        typeof(NullReferenceException), typeof(ArgumentNullException), typeof(ArgumentOutOfRangeException),
        typeof(InvalidCastException), typeof(IndexOutOfRangeException), typeof(KeyNotFoundException),
        typeof(NotImplementedException), typeof(NotSupportedException), typeof(ObjectDisposedException),
        typeof(InvalidOperationException), typeof(DivideByZeroException), typeof(MissingMemberException),
        typeof(TypeLoadException), typeof(FileLoadException), typeof(BadImageFormatException),
    ];

    private static bool NeedsStackTrace(Exception exception) =>
        exception is AggregateException aggregate
            ? aggregate.InnerExceptions.Any(NeedsStackTrace)
            : ProgrammingErrors.Any(type => type.IsInstanceOfType(exception));

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];
}
