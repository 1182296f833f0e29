namespace Pipeline.Cluster;

/// <summary>
/// Waits for a rollout and, when it fails and <see cref="RolloutOptions.RollbackOnFailure"/> is on, rolls back to the
/// previous revision before rethrowing, so a failed deploy leaves the last good version serving.
/// </summary>
public sealed class RolloutGuard
{
    private readonly RolloutWatcher _watcher;
    private readonly RolloutRollback _rollback;
    private readonly RolloutOptions _options;

    /// <summary>Creates a guard from a watcher, a rollback and the options that say whether to roll back.</summary>
    public RolloutGuard(RolloutWatcher watcher, RolloutRollback rollback, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        ArgumentNullException.ThrowIfNull(rollback);
        ArgumentNullException.ThrowIfNull(options);
        _watcher = watcher;
        _rollback = rollback;
        _options = options;
    }

    /// <summary>
    /// Waits for the rollout; on failure throws <see cref="RolloutFailedException"/> carrying the diagnosis and
    /// the <see cref="RollbackResult"/> (rolled back, no previous revision, or disabled).
    /// </summary>
    public async Task<RolloutResult> WaitOrRollBackAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _watcher.WaitAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (RolloutFailedException failure)
        {
            var rollback = _options.RollbackOnFailure
                ? await _rollback.RollBackAsync(ns, name, cancellationToken).ConfigureAwait(false)
                : new RollbackResult(RollbackOutcome.Disabled, failure.Diagnosis.Revision, null, []);
            throw new RolloutFailedException(failure.Diagnosis, rollback);
        }
    }
}
