using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>
/// The cluster stage in one call, the same for the Deploy target, a Cake script or a plain program: apply the
/// manifests (server-side, in their apply order), then wait for each Deployment's rollout, rolling back and
/// throwing <see cref="RolloutFailedException"/> with the diagnosis when one fails.
/// </summary>
public sealed class ClusterDeployment
{
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the deployment over a connected client.</summary>
    /// <param name="client">The cluster (from <see cref="ClusterResolution.CreateClient"/>).</param>
    /// <param name="time">Clock for the rollout wait.</param>
    /// <param name="logger">Where each applied object and the rollout progress are reported.</param>
    public ClusterDeployment(IKubernetes client, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Applies <paramref name="manifests"/> and waits for every Deployment in them.</summary>
    /// <exception cref="RolloutFailedException">A rollout failed; the message holds the diagnosis and the rollback.</exception>
    public async Task<ClusterDeploymentResult> DeployAsync(ManifestSet manifests, RolloutOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(options);
        var applied = await new ManifestApplier(_client, _logger).ApplyAsync(manifests, cancellationToken);
        var guard = new RolloutGuard(new RolloutWatcher(_client, _time, options, _logger), new RolloutRollback(_client, _logger), options);
        var rollouts = new List<RolloutResult>();
        foreach (var deployment in manifests.Deployments)
        {
            var ns = deployment.Metadata.NamespaceProperty ?? "default";
            rollouts.Add(await guard.WaitOrRollBackAsync(ns, deployment.Metadata.Name, cancellationToken));
        }

        return new ClusterDeploymentResult(applied, rollouts);
    }
}
