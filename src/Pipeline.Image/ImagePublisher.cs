using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image;

/// <summary>
/// Push, then verify through the registry API that the tag resolves to the digest the push reported: the engine's
/// word alone is not proof (a proxy in between, a registry that rewrote the manifest, a concurrent push).
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
        var found = await _registry.FindAsync(image, cancellationToken);
        if (found is null)
        {
            throw new ImagePushException(ImagePushFailureKind.VerificationFailed, image,
                $"the engine pushed {image.ToFamiliarString()} as {pushed}, but the registry does not know the tag: check the registry's storage and logs.");
        }

        if (found.Digest != pushed)
        {
            throw new ImagePushException(ImagePushFailureKind.VerificationFailed, image,
                $"the engine pushed {image.ToFamiliarString()} as {pushed}, but the registry resolves it to {found.Digest}: another push of the same tag may have raced this one.");
        }

        _logger.LogInformation("Verified {Image} resolves to {Digest} in the registry", image.ToFamiliarString(), pushed);
        return pushed;
    }
}
