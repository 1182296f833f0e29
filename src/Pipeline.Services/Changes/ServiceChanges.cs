using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Services;

/// <summary>
/// Use case: the changed-only decision, made before anything is compiled. An image records the inputs it was
/// built from as a content tag (<see cref="ServiceFingerprint.ContentTag"/>, <c>src-&lt;fingerprint&gt;</c>, put
/// beside <c>v&lt;release&gt;</c> by <see cref="ServiceImages.RecordAsync"/>), so the decision is one manifest HEAD
/// per service: found, the service is unchanged and keeps that image; absent, it is built. A service whose inputs
/// cannot be told is always built. Nothing is written to the registry.
/// </summary>
public sealed class ServiceChanges
{
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;

    /// <summary>Creates the use case over a connected registry client (it holds the credentials).</summary>
    public ServiceChanges(RegistryClient registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _logger = logger;
    }

    /// <summary>One decision per service, in the request's order.</summary>
    /// <exception cref="RegistryException">The registry could not be asked (unreachable, refused credentials, …).</exception>
    public async Task<IReadOnlyList<ServiceDecision>> DecideAsync(ServiceChangesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decisions = await Task.WhenAll(request.Sources.Select(source => DecideAsync(source, request, cancellationToken)));
        return decisions;
    }

    private async Task<ServiceDecision> DecideAsync(ServiceSource source, ServiceChangesRequest request, CancellationToken cancellationToken)
    {
        var repository = source.Service.Artifact.Value;
        var release = ImageReference.Create(_registry.Registry, repository, request.Release.ImageTag);
        ServiceDecision decision;
        if (source.Fingerprint is not { } fingerprint)
        {
            decision = ServiceDecision.Changed(source, release, ServiceChangeReason.CannotTell, "cannot tell, always built: " + string.Join("; ", source.Untraceable));
        }
        else
        {
            var contentTag = ImageReference.Create(_registry.Registry, repository, fingerprint.ContentTag);
            decision = await _registry.FindAsync(contentTag, cancellationToken) is { } found
                ? ServiceDecision.Unchanged(source, release, contentTag.WithDigest(found.Digest))
                : ServiceDecision.Changed(source, release, ServiceChangeReason.NoImageForInputs, $"changed: no image in {_registry.Registry}/{repository} is tagged {fingerprint.ContentTag}");
        }

        _logger.LogInformation("{Decision}", decision);
        return decision;
    }
}
