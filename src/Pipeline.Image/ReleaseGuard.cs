using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Image;

/// <summary>
/// Releases are immutable (Nexus with redeploy disabled and Harbor's immutable tags refuse a second push anyway):
/// before anything is built, look the release tag up in the registry and compare the fingerprint label of what it
/// holds with the fingerprint of what would be built.
/// </summary>
public sealed class ReleaseGuard
{
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the guard over a connected registry client.</summary>
    /// <param name="registry">The registry that holds the releases.</param>
    /// <param name="logger">Where the replacement of a release is logged.</param>
    /// <param name="inputs">What the caller calls its release and overwrite inputs, for the refusal's fix.</param>
    public ReleaseGuard(RegistryClient registry, ILogger logger, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _logger = logger;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>
    /// Returns what the registry holds under <paramref name="release"/>: nothing, the same content (skip the build
    /// and reuse its digest), or other content that <paramref name="overwrite"/> allows to replace.
    /// </summary>
    /// <exception cref="ImageBuildException">The tag holds other content and overwriting was not asked for.</exception>
    public Task<ExistingRelease> CheckAsync(ImageReference release, ContextFingerprint fingerprint, bool overwrite, CancellationToken cancellationToken) =>
        CheckAsync(release, Task.FromResult(fingerprint), overwrite, cancellationToken);

    /// <summary>
    /// The same check with a fingerprint still being worked out: the registry is asked meanwhile. Returns once both
    /// are done, also when the registry fails, so no preparation goes on after it.
    /// </summary>
    /// <exception cref="ImageBuildException">The tag holds other content and overwriting was not asked for.</exception>
    public async Task<ExistingRelease> CheckAsync(ImageReference release, Task<ContextFingerprint> fingerprint, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        (Digest Digest, ContextFingerprint? Fingerprint)? held;
        try
        {
            held = await LookUpAsync(release, cancellationToken);
        }
        catch
        {
            await ((Task)fingerprint).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (fingerprint.IsFaulted)
            {
                await fingerprint;   // bad input is reported before a registry problem, as without the overlap
            }

            throw;
        }

        var building = await fingerprint;
        if (held is not { } found)
        {
            _logger.LogInformation("{Release} is not in the registry yet", release.ToFamiliarString());
            return new ExistingRelease(ExistingReleaseState.Absent, null);
        }

        if (found.Fingerprint == building)
        {
            return new ExistingRelease(ExistingReleaseState.SameContent, found.Digest);
        }

        if (!overwrite)
        {
            throw new ImageBuildException(
                ImageBuildFailureKind.ReleaseExists,
                $"{release.Tag} already holds other content in {release.Registry} ({release.Repository}@{found.Digest}): bump {_inputs.Release}, or pass {_inputs.OverwriteTag}");
        }

        _logger.LogWarning("{Release} holds other content ({Digest}); replacing it as {OverwriteTag} asks", release.ToFamiliarString(), found.Digest, _inputs.OverwriteTag);
        return new ExistingRelease(ExistingReleaseState.OtherContent, found.Digest);
    }

    // The digest the tag resolves to and the fingerprint label of its image; null when the tag is absent.
    private async Task<(Digest Digest, ContextFingerprint? Fingerprint)?> LookUpAsync(ImageReference release, CancellationToken cancellationToken)
    {
        var found = await _registry.FindAsync(release, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var configuration = await _registry.GetImageConfigurationAsync(release, cancellationToken);
        return (found.Digest, ContextFingerprint.FromLabel(configuration.Labels.GetValueOrDefault(ContextFingerprint.LabelName)));
    }
}
