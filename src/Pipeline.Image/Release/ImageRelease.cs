using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// The image stage's use case: builds the release image unless the registry already holds it. Releases are
/// immutable: the registry is asked for the release tag while the build is prepared (the fingerprint is worked
/// out); the same content skips the build and hands on the registry's digest (adding extra tags it lacks), other
/// content stops before anything is built unless overwriting is asked for. The engine receives the context while
/// this is decided and builds only after a yes. Whoever drives it (our targets, a Cake script) gets the same rules,
/// whichever <see cref="IImageBuilder"/> makes the image.
/// </summary>
public sealed class ImageRelease
{
    private readonly IImageBuilder _builder;
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the use case.</summary>
    /// <param name="builder">Makes the image: the engine builder or the direct one.</param>
    /// <param name="registry">The release's registry, with the push credentials.</param>
    /// <param name="logger">Says what happens.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes (the release, overwriting); neutral words by default.</param>
    public ImageRelease(IImageBuilder builder, RegistryClient registry, ILogger logger, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _builder = builder;
        _registry = registry;
        _logger = logger;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>Builds the release image, or finds it unchanged in the registry.</summary>
    /// <exception cref="ImageBuildException">Bad input, a build failure, or the release holding other content.</exception>
    public async Task<ImageOutcome> BuildAsync(ImageReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var releaseImage = request.ReleaseImage;
        using var stopOnFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On the thread pool: the checks' first calls take a while to get ready and must not hold up the preparation.
        var preflight = request.Preflight is { } checks ? Task.Run(() => checks(stopOnFailure.Token), stopOnFailure.Token) : Task.CompletedTask;
        var preparing = Task.Run(() => _builder.PrepareAsync(request.Build, stopOnFailure.Token), stopOnFailure.Token);
        var checking = new ReleaseGuard(_registry, _logger, _inputs).CheckAsync(releaseImage, FingerprintAsync(preparing), request.OverwriteTag, stopOnFailure.Token);
        var deciding = DecideAsync(preflight, stopOnFailure, preparing, checking);
        IPreparedImage prepared;
        try
        {
            prepared = await preparing;
        }
        catch (Exception)
        {
            await deciding;   // a pre-flight diagnosis is reported before bad input, as the checks come first
            throw;
        }

        var built = await prepared.BuildAsync(BuildWantedAsync(), cancellationToken);
        var fingerprint = await prepared.Fingerprint;
        if (built is null)
        {
            var digest = (await deciding).Digest!.Value;
            await EnsureExtraTagsAsync(request.Build.Tags, digest, cancellationToken);
            return new ImageOutcome { Release = releaseImage, Tags = request.Build.Tags, Fingerprint = fingerprint, RegistryDigest = digest };
        }

        _logger.LogInformation("Image {Made} tagged {Tags} ({Builder} builder)", built.LocalImageId ?? built.PushedDigest.ToString(), string.Join(", ", built.Tags), built.Builder.ToString().ToLowerInvariant());
        return new ImageOutcome { Release = releaseImage, Tags = built.Tags, Fingerprint = built.Fingerprint, Built = built };

        async Task<bool> BuildWantedAsync() => !(await deciding).IsSameContent;
    }

    private static async Task<ContextFingerprint> FingerprintAsync(Task<IPreparedImage> preparing) => await (await preparing).Fingerprint;

    /// <summary>What the registry holds under the release, once the pre-flight checks have passed.</summary>
    private static async Task<ExistingRelease> DecideAsync(Task preflight, CancellationTokenSource stopOnFailure, Task<IPreparedImage> preparing, Task<ExistingRelease> checking)
    {
        try
        {
            await preflight;
        }
        catch (Exception)
        {
            await stopOnFailure.CancelAsync();
            // Their outcome no longer matters (the pre-flight's diagnosis is the one reported), only that they stopped.
            await Task.WhenAll(preparing, checking).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        return await checking;
    }

    /// <summary>An unchanged release still gets the extra tags it lacks (e.g. <c>latest</c>), retagged in the registry.</summary>
    private async Task EnsureExtraTagsAsync(IReadOnlyList<ImageReference> tags, Digest digest, CancellationToken cancellationToken)
    {
        var release = tags[0];
        foreach (var extra in tags.Skip(1))
        {
            if ((await _registry.FindAsync(extra, cancellationToken))?.Digest != digest)
            {
                await _registry.TagAsync(release, extra.Tag!, cancellationToken);
                _logger.LogInformation("Tagged {Extra} in the registry ({Digest}): the release itself is unchanged", extra.ToFamiliarString(), digest);
            }
        }
    }
}
