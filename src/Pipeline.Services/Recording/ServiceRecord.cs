using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.Services.Recording;

/// <summary>
/// What ServiceImages hands on for one shipped service, also to another process (a CI job per service, then one
/// deploy job): the release image pinned by its digest, what was done, and the decision in words. Never a secret.
/// </summary>
public sealed record ServiceRecord
{
    /// <summary>Creates a record; throws <see cref="ArgumentException"/> for an image without a digest or a failed shipment.</summary>
    public ServiceRecord(DnsLabel service, ImageReference image, ServiceShipmentAction action, string decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (action == ServiceShipmentAction.Failed)
        {
            throw new ArgumentException($"{service} failed to ship: a failed service has no image to record", nameof(action));
        }

        if (image.Digest is null)
        {
            throw new ArgumentException($"the image of {service} is not pinned by a digest: {image}", nameof(image));
        }

        Service = service;
        Image = image;
        Action = action;
        Decision = decision;
    }

    /// <summary>The service (its artifact name).</summary>
    public DnsLabel Service { get; }

    /// <summary>The release image, <c>registry/artifact:v&lt;release&gt;@sha256:…</c>.</summary>
    public ImageReference Image { get; }

    /// <summary>Built and pushed, or retagged.</summary>
    public ServiceShipmentAction Action { get; }

    /// <summary>Why: changed (and the reason) or unchanged (the content tag found).</summary>
    public string Decision { get; }

    /// <summary>The image's manifest digest.</summary>
    public Digest Digest => Image.Digest!.Value;

    /// <summary>The record of a shipped service; throws <see cref="ArgumentException"/> for a failed one.</summary>
    public static ServiceRecord Of(ShippedService shipped)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        return new ServiceRecord(shipped.Decision.Source.Service.Artifact, shipped.Image ?? default, shipped.Action, shipped.Decision.Detail);
    }

    /// <summary>What happened, in words: "built and pushed" or "retagged, no upload".</summary>
    public string ActionText => Action == ServiceShipmentAction.BuiltAndPushed ? "built and pushed" : "retagged, no upload";
}
