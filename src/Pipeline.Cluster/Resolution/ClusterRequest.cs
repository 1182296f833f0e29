using Pipeline.Version;

namespace Pipeline.Cluster;

/// <summary>Which cluster the caller asked for: an explicit kubeconfig and context, both optional.</summary>
/// <param name="KubeconfigPath">An explicit kubeconfig file; wins over KUBECONFIG and ~/.kube/config.</param>
/// <param name="Context">A context name; null uses the kubeconfig's current-context.</param>
public sealed record ClusterRequest(string? KubeconfigPath = null, string? Context = null)
{
    /// <summary>What the caller calls its kubeconfig and context inputs, for the errors that ask for them.</summary>
    public StageInputNames Inputs { get; init; } = StageInputNames.Neutral;
}
