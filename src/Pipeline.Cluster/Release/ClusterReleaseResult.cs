namespace Pipeline.Cluster;

/// <summary>What <see cref="ClusterRelease.DeployAsync"/> did: the shared objects and every service.</summary>
/// <param name="Shared">The shared Namespaces and pull Secrets as applied.</param>
/// <param name="Services">Every service of the release, in the release's order.</param>
public sealed record ClusterReleaseResult(IReadOnlyList<AppliedObject> Shared, IReadOnlyList<ServiceRollout> Services)
{
    /// <summary>After a failure: what became of the shared objects this release created that no kept service needs.</summary>
    public ReleaseCleanup? SharedCleanup { get; init; }

    /// <summary>Shared objects this release created that stay because a service that was kept needs them.</summary>
    public IReadOnlyList<AppliedObject> SharedInUse { get; init; } = [];

    /// <summary>True when every service rolled out.</summary>
    public bool Succeeded => Services.All(service => service.Outcome == ServiceRolloutOutcome.RolledOut);

    /// <summary>One line per service, then the shared objects' fate after a failure.</summary>
    public override string ToString()
    {
        var lines = Services.Select(service => service.ToString()).ToList();
        if (SharedCleanup is { } cleanup && (cleanup.Removals.Count > 0 || cleanup.Kept.Count > 0))
        {
            lines.Add($"shared: {cleanup}");
        }

        if (SharedInUse.Count > 0)
        {
            lines.Add($"shared: kept for the services that stay: {string.Join(", ", SharedInUse.Select(item => item.Reference))}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
