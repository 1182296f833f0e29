namespace Pipeline.RegistryHosting;

/// <summary>The container runtime on a node that a node configuration file is for.</summary>
public enum NodeRuntime
{
    /// <summary>containerd (what the kubelet uses on most clusters).</summary>
    Containerd,

    /// <summary>Docker Engine (build machines, cri-dockerd nodes).</summary>
    DockerEngine,
}
