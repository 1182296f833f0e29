using Pipeline.Manifests;
using Pipeline.Services;
using Pipeline.Services.Recording;

namespace Pipeline.Components;

/// <summary>What ServiceManifests hands on: every selected service's objects with the shared Namespace and pull Secret once, and what was shipped for each.</summary>
/// <param name="Manifests">The release's objects (the pull Secret in memory only).</param>
/// <param name="Shipped">Each service's shipped image, in the services' order.</param>
public sealed record RenderedServices(ReleaseManifests Manifests, IReadOnlyList<ServiceRecord> Shipped)
{
    /// <summary>The services this release built and pushed: the only ones a failed rollout rolls back.</summary>
    public IReadOnlySet<DnsLabel> Changed =>
        Shipped.Where(record => record.Action == ServiceShipmentAction.BuiltAndPushed).Select(record => record.Service).ToHashSet();
}
