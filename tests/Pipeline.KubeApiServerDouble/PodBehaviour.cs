// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>
/// How a simulated container behaves once its image is pulled, chosen by the pod-template annotation
/// <see cref="Annotation"/>: tests reach the crash and timeout paths without hooks in production code.
/// </summary>
public enum PodBehaviour
{
    /// <summary>Starts and becomes ready.</summary>
    Healthy,

    /// <summary>Exits with code 1 shortly after each start: CrashLoopBackOff (value <c>crash</c>).</summary>
    Crash,

    /// <summary>Runs but its readiness probe never passes (value <c>never-ready</c>).</summary>
    NeverReady,
}
