namespace Pipeline.Cluster;

/// <summary>
/// Waits for a rollout and, when it fails and <see cref="RolloutOptions.RollbackOnFailure"/> is on, rolls back to the
/// previous revision before rethrowing, so a failed deploy leaves the last good version serving. "Fails" is anything
/// that ends the wait without success once the new revision is applied: a diagnosed failure, the build cancelled
/// (Ctrl-C), an API error or a dropped connection while watching, a diagnosis that could not be made.
/// </summary>
public sealed class RolloutGuard
{
    // Long enough for a patch (or the deletes of what a release created) against a slow API server; bounded, as it
    // also runs after a cancellation.
    internal static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(60);

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
        catch (Exception interruption) when (_options.RollbackOnFailure && interruption is not ClusterException { Kind: ClusterFailureKind.DeploymentNotFound })
        {
            // Not a diagnosed failure, but the wait ended with the new revision applied and not known to be good. The
            // rollback gets its own token: after Ctrl-C the caller's is already cancelled.
            string outcome;
            try
            {
                using var bounded = new CancellationTokenSource(RollbackTimeout);
                outcome = (await _rollback.RollBackAsync(ns, name, bounded.Token).ConfigureAwait(false)).ToString();
            }
            catch (Exception rollbackFailure) when (rollbackFailure is not OutOfMemoryException)
            {
                outcome = $"the rollback failed too ({rollbackFailure.Message}): undo it with kubectl rollout undo deployment/{name} -n {ns}";
            }

            if (interruption is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"waiting for deployment {ns}/{name} was cancelled; {outcome}", interruption, cancellationToken);
            }

            throw new ClusterException(
                ClusterFailureKind.RolloutFailed,
                $"waiting for deployment {ns}/{name} failed ({interruption.Message}); {outcome}",
                interruption);
        }
    }
}
