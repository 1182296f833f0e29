using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Cluster;

/// <summary>
/// Rolls a Deployment back to its previous revision like <c>kubectl rollout undo</c>: the ReplicaSet carrying the
/// previous revision annotation gives its pod template back to the Deployment, and the deployment controller
/// scales that ReplicaSet up again.
/// </summary>
public sealed class RolloutRollback
{
    private const string PodTemplateHashLabel = "pod-template-hash";
    private static readonly TimeSpan ObservedPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IKubernetes _client;
    private readonly ILogger _logger;
    private readonly RolloutInspector _inspector;

    /// <summary>Creates a rollback over <paramref name="client"/>.</summary>
    public RolloutRollback(IKubernetes client, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _logger = logger ?? NullLogger.Instance;
        _inspector = new RolloutInspector(client);
    }

    /// <summary>Puts the previous revision's pod template back on the Deployment; says so when there is none.</summary>
    public async Task<RollbackResult> RollBackAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var deployment = await ReadObservedAsync(ns, name, cancellationToken).ConfigureAwait(false);
        var current = DeploymentRevision.Of(deployment.Metadata);
        var replicaSets = await _inspector.ListReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        var previous = replicaSets
            .Where(replicaSet => DeploymentRevision.Of(replicaSet.Metadata) is { } revision && (current is null || revision < current))
            .LastOrDefault();
        if (previous?.Spec?.Template is null)
        {
            var none = new RollbackResult(RollbackOutcome.NoPreviousRevision, current, null, []);
            _logger.LogWarning("Deployment {Namespace}/{Name}: {Rollback}", ns, name, none);
            return none;
        }

        var template = previous.Spec.Template;
        template.Metadata?.Labels?.Remove(PodTemplateHashLabel);

        // A JSON patch replaces the whole template: a merge patch would keep labels and annotations only the failed
        // template had.
        var patch = new JsonArray(
            new JsonObject
            {
                ["op"] = "replace",
                ["path"] = "/spec/template",
                ["value"] = JsonNode.Parse(KubernetesJson.Serialize(template)),
            });
        await _client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch),
            name,
            ns,
            fieldManager: ManifestApplier.FieldManager,
            cancellationToken: cancellationToken).ConfigureAwait(false);

        var result = new RollbackResult(
            RollbackOutcome.RolledBack,
            current,
            DeploymentRevision.Of(previous.Metadata),
            (template.Spec?.Containers ?? []).Select(container => container.Image).ToList());
        _logger.LogWarning("Deployment {Namespace}/{Name}: {Rollback}", ns, name, result);
        return result;
    }

    // Right after an apply (a release refused halfway, Ctrl-C) the controller may not have seen the new template yet:
    // the revision on the Deployment is then still the one before, and "the previous revision" would be one too old.
    private async Task<V1Deployment> ReadObservedAsync(string ns, string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var deployment = await _inspector.ReadDeploymentAsync(ns, name, cancellationToken).ConfigureAwait(false);
            if ((deployment.Status?.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0))
            {
                return deployment;
            }

            await Task.Delay(ObservedPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
