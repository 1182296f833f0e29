// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>What a write did, like the real server's behaviour for no-op updates (the resourceVersion stays).</summary>
internal enum WriteOutcome
{
    Created,
    Updated,
    Unchanged,
}
