namespace Pipeline.Engine.Tests.Builds;

/// <summary>
/// Two checks that pass only side by side: the first waits for the second to start. Run one after the other, the
/// first gives up after its timeout and says so.
/// </summary>
[DefaultTarget(nameof(Ship))]
internal sealed class ConcurrentChecksBuild : PipelineBuild
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _secondStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Target Ship => _ => _
        .Validates(async cancellationToken =>
        {
            if (await Task.WhenAny(_secondStarted.Task, Task.Delay(Patience, cancellationToken)) != _secondStarted.Task)
            {
                throw new TimeoutException("the second check did not start while the first one waited");
            }
        })
        .Validates(() => _secondStarted.TrySetResult())
        .Executes(() => { });
}
