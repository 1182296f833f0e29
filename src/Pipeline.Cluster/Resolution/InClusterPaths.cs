namespace Pipeline.Cluster;

/// <summary>Where a pod finds its service account: injectable so tests need no /var/run/secrets.</summary>
/// <param name="TokenPath">The bearer token file (re-read on every request: the kubelet rotates it).</param>
/// <param name="CaCertificatePath">The cluster CA bundle.</param>
/// <param name="NamespacePath">The pod's namespace.</param>
public sealed record InClusterPaths(string TokenPath, string CaCertificatePath, string NamespacePath)
{
    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The paths the kubelet mounts into every pod.</summary>
    public static InClusterPaths Default { get; } = new(
        Path.Combine(ServiceAccountDirectory, "token"),
        Path.Combine(ServiceAccountDirectory, "ca.crt"),
        Path.Combine(ServiceAccountDirectory, "namespace"));
}
