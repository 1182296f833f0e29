namespace Pipeline.RegistryHosting;

/// <summary>Where a hosted registry keeps its blobs and manifests.</summary>
public enum RegistryStorageKind
{
    /// <summary>A PersistentVolumeClaim the cluster provisions (survives the pod moving to another node).</summary>
    PersistentVolumeClaim,

    /// <summary>A directory on the node (single-node clusters, or a pod pinned to one node).</summary>
    HostPath,
}
