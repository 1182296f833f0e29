// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>Reads and writes the <c>pipeline.test/behaviour</c> pod-template annotation.</summary>
public static class PodBehaviours
{
    /// <summary>The annotation on a pod template that picks a <see cref="PodBehaviour"/>.</summary>
    public const string Annotation = "pipeline.test/behaviour";

    /// <summary>The annotation value for <paramref name="behaviour"/> (<c>crash</c>, <c>never-ready</c>, <c>healthy</c>).</summary>
    public static string ValueOf(PodBehaviour behaviour) => behaviour switch
    {
        PodBehaviour.Crash => "crash",
        PodBehaviour.NeverReady => "never-ready",
        _ => "healthy",
    };

    /// <summary>The behaviour named by a pod's annotations; <see cref="PodBehaviour.Healthy"/> when there is none.</summary>
    public static PodBehaviour Of(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(Annotation, out var value)
            ? value switch
            {
                "crash" => PodBehaviour.Crash,
                "never-ready" => PodBehaviour.NeverReady,
                _ => PodBehaviour.Healthy,
            }
            : PodBehaviour.Healthy;
}
