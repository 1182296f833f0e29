namespace Pipeline.Cluster;

/// <summary>What the user asked for on the command line: <c>--kubeconfig</c> and <c>--context</c>, both optional.</summary>
/// <param name="KubeconfigPath">An explicit kubeconfig file; wins over KUBECONFIG and ~/.kube/config.</param>
/// <param name="Context">A context name; null uses the kubeconfig's current-context.</param>
public sealed record ClusterRequest(string? KubeconfigPath = null, string? Context = null);
