using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>
/// The cluster stage in one call, the same for the Deploy target, a Cake script or a plain program: apply the
/// manifests (server-side, in their apply order), then wait for each Deployment's rollout. Once the first object is
/// applied, every failure (an apply refused halfway, a failed rollout, a cancellation) ends in a rollback: the failed
/// Deployment returns to its previous revision and every object this release created is deleted, newest first;
/// objects that existed before are kept. With <see cref="RolloutOptions.RollbackOnFailure"/> off, everything stays
/// and the failure says what a rollback would have deleted.
/// </summary>
public sealed class ClusterDeployment
{
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the deployment over a connected client.</summary>
    /// <param name="client">The cluster (from <see cref="ClusterResolution.CreateClient"/>).</param>
    /// <param name="time">Clock for the rollout wait.</param>
    /// <param name="logger">Where each applied object, the rollout progress and each removal are reported.</param>
    public ClusterDeployment(IKubernetes client, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Applies <paramref name="manifests"/> and waits for every Deployment in them.</summary>
    /// <exception cref="RolloutFailedException">
    /// A rollout failed; the message holds the diagnosis and the rollback, and <see cref="RollbackResult.Cleanup"/>
    /// what was removed and kept.
    /// </exception>
    /// <exception cref="ClusterException">
    /// Nothing applied (an object it cannot apply), or an apply or the wait failed after the first object was
    /// applied: the original failure's kind and message, followed by what was removed and kept.
    /// </exception>
    /// <exception cref="OperationCanceledException">Cancelled; after the first apply the message says what was removed.</exception>
    public async Task<ClusterDeploymentResult> DeployAsync(ManifestSet manifests, RolloutOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(options);
        var applied = new List<AppliedObject>();
        var waiting = false;
        try
        {
            await new ManifestApplier(_client, _logger).ApplyAsync(manifests.ApplyOrder, applied, cancellationToken);
            waiting = true;
            var guard = new RolloutGuard(new RolloutWatcher(_client, _time, options, _logger), new RolloutRollback(_client, _logger), options);
            var rollouts = new List<RolloutResult>();
            foreach (var deployment in manifests.Deployments)
            {
                var ns = deployment.Metadata.NamespaceProperty ?? "default";
                rollouts.Add(await guard.WaitOrRollBackAsync(ns, deployment.Metadata.Name, cancellationToken));
            }

            return new ClusterDeploymentResult(applied, rollouts);
        }
        catch (Exception failure) when (applied.Count > 0 && failure is not OutOfMemoryException)
        {
            var cleanup = await new CreatedObjectRemover(_client, _logger).RemoveAsync(applied, options.RollbackOnFailure);
            throw failure switch
            {
                RolloutFailedException { Rollback: { } rollback } rollout => new RolloutFailedException(rollout.Diagnosis, rollback with { Cleanup = cleanup }),
                OperationCanceledException when cancellationToken.IsCancellationRequested =>
                    new OperationCanceledException($"{failure.Message.TrimEnd('.')}; {cleanup}", failure, cancellationToken),
                ClusterException cluster => new ClusterException(cluster.Kind, $"{cluster.Message.TrimEnd('.')}; {cleanup}", failure),
                _ => new ClusterException(
                    waiting ? ClusterFailureKind.RolloutFailed : ClusterFailureKind.ApplyRejected,
                    $"{(waiting ? "waiting for the rollout" : "applying the manifests")} failed ({failure.Message}); {cleanup}",
                    failure),
            };
        }
    }
}
