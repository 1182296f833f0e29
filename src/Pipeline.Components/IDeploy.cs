using Microsoft.Extensions.Logging;
using Pipeline.Cluster;
using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// Deploy: server-side apply (Namespace → Secret → Service → Deployment), then waits for the rollout; on failure
/// says why per pod (pull errors in the registry's words, crash loops) and rolls back unless told not to.
/// Without a configured cluster it is skipped with that reason and the rendered files stay the result.
/// </summary>
public interface IDeploy : IRender
{
    /// <summary>
    /// The kubeconfig; else KUBECONFIG (a path list, read by the cluster stage itself, hence the other variable
    /// name here), ~/.kube/config, or the in-cluster service account.
    /// </summary>
    [Parameter("kubeconfig file (default: KUBECONFIG, ~/.kube/config, or in-cluster)", EnvironmentVariable = "PIPELINE_KUBECONFIG")]
    AbsolutePath? Kubeconfig => Parameter<AbsolutePath?>(null);

    /// <summary>The kubeconfig context; else its current context.</summary>
    [Parameter("kubeconfig context (default: its current context)")]
    string? KubeContext => Parameter<string?>(null);

    /// <summary>How long to wait for the rollout, in seconds.</summary>
    [Parameter("Seconds to wait for the rollout to become available")]
    int RolloutTimeout => Parameter(300);

    /// <summary>Keep a failed rollout in place instead of returning to the previous revision.</summary>
    [Parameter("Do not roll back a failed rollout")]
    bool NoRollback => Parameter(false);

    /// <summary>Applies the rendered manifests and waits for the rollout.</summary>
    Target Deploy => _ => _
        .Description("Apply the manifests (server-side) and wait for the rollout; diagnose and roll back on failure")
        .DependsOn(Render)
        .Executes(async cancellationToken =>
        {
            var chain = State<ChainState>();
            var manifests = chain.Manifests ?? throw new InvalidOperationException("Render produced no manifests.");
            var cluster = await new ClusterResolver(Environment!, Environment.GetValueOrDefault("HOME"), InClusterPaths.Default)
                .ResolveAsync(new ClusterRequest(Kubeconfig?.Value, KubeContext), cancellationToken);
            if (cluster.SkipReason is { } reason)
            {
                throw new TargetSkippedException(reason);
            }

            Log.LogInformation("Deploying to {Cluster}", cluster);
            using var client = cluster.CreateClient();
            var deployment = new ClusterDeployment(client, logger: Log);
            var result = await deployment.DeployAsync(
                manifests,
                new RolloutOptions { Timeout = TimeSpan.FromSeconds(RolloutTimeout), RollbackOnFailure = !NoRollback },
                cancellationToken);
            Summary.Add("Rollout", result.ToString());
        });
}
