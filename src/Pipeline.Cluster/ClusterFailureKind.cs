namespace Pipeline.Cluster;

/// <summary>The named ways the cluster stage fails; each maps to one fix.</summary>
public enum ClusterFailureKind
{
    /// <summary>A kubeconfig was named (option or KUBECONFIG) but the file is not there.</summary>
    KubeconfigNotFound,

    /// <summary>The kubeconfig cannot be read or has no usable current context.</summary>
    InvalidKubeconfig,

    /// <summary>The requested context is not in the kubeconfig.</summary>
    ContextNotFound,

    /// <summary>The API server refused a server-side apply.</summary>
    ApplyRejected,

    /// <summary>The object kind cannot be applied by this stage.</summary>
    UnsupportedObject,

    /// <summary>The Deployment did not become available (timeout or a failure that will not heal).</summary>
    RolloutFailed,

    /// <summary>The Deployment to watch or roll back does not exist.</summary>
    DeploymentNotFound,
}
