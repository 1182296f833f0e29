using Microsoft.Extensions.Logging;
using Pipeline.Cluster;
using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// Deploy: server-side apply (Namespace → Secret → Service → Deployment), then waits for the rollout; on failure
/// says why per pod (pull errors in the registry's words, crash loops) and rolls back unless told not to.
/// Without a configured cluster it is skipped with that reason and the rendered files stay the result.
/// </summary>
public interface IDeploy : IRender, IHazCluster
{
    /// <summary>Applies the rendered manifests and waits for the rollout.</summary>
    Target Deploy => _ => _
        .Description("Apply the manifests (server-side) and wait for the rollout; diagnose and roll back on failure")
        .DependsOn(Render)
        // The set is applied whole or not at all: an object Deploy cannot apply is found before Compile, not halfway.
        .Validates(async cancellationToken =>
            ManifestApplier.Check((await RenderManifestsAsync(await RenderSettingsAsync(null, pinByDigest: false, cancellationToken), cancellationToken)).ApplyOrder))
        // A login only found in the docker config would become the cluster's pull Secret: refused unless chosen.
        .Validates(cancellationToken => RefuseFoundPullCredentialsAsync(async ct => (await ResolveClusterAsync(ct)).IsConfigured, cancellationToken))
        .Executes(async cancellationToken =>
        {
            var manifests = (ResultOf<RenderedRelease>(Render) ?? throw new InvalidOperationException("Render handed on no manifests.")).Manifests;
            var cluster = await ResolveClusterAsync(cancellationToken);
            if (cluster.SkipReason is { } reason)
            {
                throw new TargetSkippedException(reason);
            }

            Log.LogInformation("Deploying to {Cluster}", cluster);
            using var client = cluster.CreateClient();
            var result = await new ClusterDeployment(client, logger: Log).DeployAsync(manifests, RolloutOptions, cancellationToken);
            Summary.Add("Rollout", result.ToString());
            return result;
        });
}
