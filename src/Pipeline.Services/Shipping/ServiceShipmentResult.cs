using Pipeline.Registry;

namespace Pipeline.Services;

/// <summary>What was done with one service's image.</summary>
public enum ServiceShipmentAction
{
    /// <summary>Changed: published, built, pushed and verified (or its release tag already held the same content).</summary>
    BuiltAndPushed,

    /// <summary>Unchanged: its existing image put under the release tag, nothing uploaded.</summary>
    Retagged,

    /// <summary>Its work stopped with an error (<see cref="ShippedService.Error"/>); the other services' work went on.</summary>
    Failed,
}

/// <summary>One service of a shipment: its decision and what became of it.</summary>
/// <param name="Decision">Changed or unchanged, and why (decided before anything was compiled).</param>
/// <param name="Action">What was done.</param>
/// <param name="Image">The release image, pinned to its digest; null when the service failed.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
public sealed record ShippedService(ServiceDecision Decision, ServiceShipmentAction Action, ImageReference? Image, string? Error)
{
    /// <summary>The service's name.</summary>
    public string Name => Decision.Source.Service.Artifact.Value;

    /// <summary>The release image's digest; null when the service failed.</summary>
    public Digest? Digest => Image?.Digest;

    /// <summary>For the summary: "built and pushed …@sha256:… (changed: …)".</summary>
    public override string ToString() => Action switch
    {
        ServiceShipmentAction.BuiltAndPushed => $"built and pushed {Image} ({Decision.Detail})",
        ServiceShipmentAction.Retagged => $"retagged {Image}, no upload ({Decision.Detail})",
        _ => $"failed: {Error} ({Decision.Detail})",
    };
}

/// <summary>Every service of the request, in its order, with what became of each.</summary>
public sealed record ServiceShipmentResult(IReadOnlyList<ShippedService> Services)
{
    /// <summary>The services that failed.</summary>
    public IReadOnlyList<ShippedService> Failed => [.. Services.Where(service => service.Action == ServiceShipmentAction.Failed)];
}
