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

    /// <summary>
    /// One short line, e.g. for a deployment status: every service rolled out, or which services did not roll out,
    /// which were rolled back and which were left as applied.
    /// </summary>
    public string Headline()
    {
        static string Names(IEnumerable<ServiceRollout> services) => string.Join(", ", services.Select(service => service.Service.Value));
        if (Succeeded)
        {
            return $"{Services.Count} services rolled out: {Names(Services)}";
        }

        var failed = Services.Where(service => service.FailedItself).ToList();
        var parts = new List<string> { failed.Count > 0 ? $"{Names(failed)} did not roll out" : "the release did not complete" };
        var rolledBack = Services.Where(service => service.Outcome == ServiceRolloutOutcome.RolledBack).ToList();
        parts.Add(rolledBack.Count == 0 ? "nothing rolled back" : $"rolled back: {Names(rolledBack)}");
        var left = Services.Where(service => service.Outcome is ServiceRolloutOutcome.Kept or ServiceRolloutOutcome.Failed).ToList();
        if (left.Count > 0)
        {
            parts.Add($"left as applied: {Names(left)}");
        }

        return string.Join("; ", parts);
    }

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
