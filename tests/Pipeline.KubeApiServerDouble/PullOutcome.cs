// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>What a simulated image pull found: success, or the error the container runtime would print.</summary>
internal sealed record PullOutcome(bool Succeeded, string? Error)
{
    public static PullOutcome Success { get; } = new(true, null);

    public static PullOutcome Failure(string error) => new(false, error);
}
