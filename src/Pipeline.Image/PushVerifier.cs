using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image;

/// <summary>
/// Proves a push through the registry API: the tag must resolve to the digest the pusher reported. The pusher's word
/// alone is not proof (a proxy in between, a registry that rewrote the manifest, a concurrent push of the same tag).
/// </summary>
public sealed class PushVerifier
{
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;

    /// <summary>Creates the verifier.</summary>
    public PushVerifier(RegistryClient registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _logger = logger;
    }

    /// <summary>Checks that <paramref name="image"/> resolves to <paramref name="pushed"/>.</summary>
    /// <param name="image">The tag pushed.</param>
    /// <param name="pushed">The digest the push reported.</param>
    /// <param name="pusher">Who pushed, for the message: "the engine", "Pipeline's direct builder".</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="ImagePushException">The registry does not know the tag, or resolves it to another digest.</exception>
    public async Task VerifyAsync(ImageReference image, Digest pushed, string pusher, CancellationToken cancellationToken)
    {
        var found = await _registry.FindAsync(image, cancellationToken);
        if (found is null)
        {
            throw new ImagePushException(ImagePushFailureKind.VerificationFailed, image,
                $"{pusher} pushed {image.ToFamiliarString()} as {pushed}, but the registry does not know the tag: check the registry's storage and logs.");
        }

        if (found.Digest != pushed)
        {
            throw new ImagePushException(ImagePushFailureKind.VerificationFailed, image,
                $"{pusher} pushed {image.ToFamiliarString()} as {pushed}, but the registry resolves it to {found.Digest}: another push of the same tag may have raced this one.");
        }

        _logger.LogInformation("Verified {Image} resolves to {Digest} in the registry", image.ToFamiliarString(), pushed);
    }
}
