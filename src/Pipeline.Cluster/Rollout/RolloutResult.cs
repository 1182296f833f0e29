namespace Pipeline.Cluster;

/// <summary>A rollout that completed.</summary>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Revision">The revision now serving, when the controller reported one.</param>
/// <param name="Elapsed">How long the wait took.</param>
public sealed record RolloutResult(string Namespace, string Deployment, long? Revision, TimeSpan Elapsed);
