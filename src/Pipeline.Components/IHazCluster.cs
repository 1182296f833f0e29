using Pipeline.Cluster;
using Pipeline.Engine;

namespace Pipeline.Components;

/// <summary>
/// The Kubernetes cluster targets apply to (Deploy, DeployRegistry, RegistryMirror, Doctor) and how long a rollout
/// may take. Found once per build: <c>--kubeconfig</c>, KUBECONFIG, ~/.kube/config or the in-cluster service account.
/// </summary>
public interface IHazCluster : IPipelineBuild
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
    [Parameter("Seconds to wait for the rollout to become available", Minimum = 1)]
    int RolloutTimeout => Parameter(300);

    /// <summary>Keep a failed rollout in place instead of returning to the previous revision.</summary>
    [Parameter("Do not roll back a failed rollout")]
    bool NoRollback => Parameter(false);

    /// <summary>How rollouts are waited for and undone, from the parameters.</summary>
    RolloutOptions RolloutOptions => new() { Timeout = TimeSpan.FromSeconds(RolloutTimeout), RollbackOnFailure = !NoRollback };

    /// <summary>
    /// Finds the cluster; its resolution says why there is none. A <c>--kubeconfig</c> that does not exist or an
    /// unknown context fails here, before anything is written.
    /// </summary>
    async Task<ClusterResolution> ResolveClusterAsync(CancellationToken cancellationToken) =>
        await new ClusterResolver(StageEnvironment.Of(this), Environment.GetValueOrDefault("HOME"), InClusterPaths.Default)
            .ResolveAsync(new ClusterRequest(Kubeconfig?.Value, KubeContext) { Inputs = CliInputNames.Value }, cancellationToken);
}
