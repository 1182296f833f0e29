namespace Pipeline.Cluster;

/// <summary>Where the cluster connection came from, in the order they are tried.</summary>
public enum ClusterSource
{
    /// <summary>The <c>--kubeconfig</c> option.</summary>
    KubeconfigOption,

    /// <summary>The KUBECONFIG environment variable (a path list, merged like kubectl).</summary>
    KubeconfigEnvironment,

    /// <summary>~/.kube/config.</summary>
    HomeKubeconfig,

    /// <summary>The pod's service account (KUBERNETES_SERVICE_HOST/PORT and the token file).</summary>
    InCluster,
}
