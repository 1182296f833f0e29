namespace Pipeline.Registry.Http;

/// <summary>
/// Cancels a blob transfer that made no progress for <see cref="Limit"/>: each chunk read or written restarts
/// the clock, so a large blob on a slow link may take as long as it needs while a dead one fails in bounded time.
/// </summary>
internal sealed class StallWatch : IDisposable
{
    private readonly CancellationTokenSource _source;

    public StallWatch(TimeSpan limit, TimeProvider time)
    {
        Limit = limit;
        _source = new CancellationTokenSource(limit, time);
    }

    /// <summary>How long the transfer may stand still.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Cancelled when the transfer stood still for <see cref="Limit"/>.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True once the limit passed without progress.</summary>
    public bool HasStalled => _source.IsCancellationRequested;

    /// <summary>Some bytes moved: the clock starts again.</summary>
    public void Progressed()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(Limit);
        }
    }

    public void Dispose() => _source.Dispose();
}
