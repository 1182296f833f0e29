using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image;

/// <summary>
/// Push through the engine, then verify through the registry API (<see cref="PushVerifier"/>) that the tag resolves
/// to the digest the push reported.
/// </summary>
public sealed class ImagePublisher
{
    private readonly ImagePusher _pusher;
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;

    /// <summary>Creates the publisher.</summary>
    public ImagePublisher(ImagePusher pusher, RegistryClient registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pusher);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _pusher = pusher;
        _registry = registry;
        _logger = logger;
    }

    /// <summary>Pushes <paramref name="image"/> and returns its verified digest.</summary>
    /// <exception cref="ImagePushException">The push failed, or the registry resolves the tag to another digest.</exception>
    public async Task<Digest> PushAndVerifyAsync(ImageReference image, RegistryCredentials credentials, IProgress<LayerProgress>? progress, CancellationToken cancellationToken)
    {
        var pushed = await _pusher.PushAsync(image, credentials, progress, cancellationToken);
        await new PushVerifier(_registry, _logger).VerifyAsync(image, pushed, "the engine", cancellationToken);
        return pushed;
    }
}
