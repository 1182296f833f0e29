// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>The simulated container's stages, in the order the kubelet goes through them.</summary>
internal enum ContainerStage
{
    Pulling,
    ErrImagePull,
    ImagePullBackOff,
    Running,
    CrashLoopBackOff,
}
