// A TEST DOUBLE of the Kubernetes API server, not a Kubernetes implementation: see README.md.
namespace Pipeline.KubeApiServerDouble;

/// <summary>Identifies a stored object; cluster-scoped objects have an empty namespace.</summary>
internal readonly record struct ObjectKey(string Kind, string Namespace, string Name);
