using Pipeline.Manifests;

namespace Pipeline.Cluster;

/// <summary>What <see cref="ClusterRelease.DeployAsync"/> applies and which services a failure may roll back.</summary>
public sealed record ClusterReleaseRequest
{
    /// <summary>The combined objects of every service in the release (<see cref="ReleaseManifests.Combine"/>).</summary>
    public required ReleaseManifests Manifests { get; init; }

    /// <summary>
    /// The services this release built and pushed: the only ones a failure rolls back. The others keep what they
    /// run, as this release gave them nothing new.
    /// </summary>
    public required IReadOnlySet<DnsLabel> Changed { get; init; }
}
