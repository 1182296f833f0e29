using Microsoft.Extensions.Logging;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Services;

/// <summary>
/// Use case: the registry side of changed-only builds, without uploading a blob. <see cref="RecordAsync"/> tags a
/// freshly pushed image with its service's content tag, so the next run finds it; <see cref="RetagAsync"/> puts an
/// unchanged service's existing image under the new release (its manifest GET by digest, PUT under
/// <c>v&lt;release&gt;</c>: the same digest). Both go through <see cref="RegistryClient.TagAsync"/>, and the release tag
/// through <see cref="ReleaseGuard"/>: a <c>v&lt;release&gt;</c> that holds other content is refused, as for any build.
/// </summary>
public sealed class ServiceImages
{
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;

    /// <summary>Creates the use case over a connected registry client (it holds the credentials).</summary>
    /// <param name="registry">The registry that holds the services' images.</param>
    /// <param name="logger">Where each tag put is logged.</param>
    /// <param name="inputs">What the caller calls its release and overwrite inputs, for the release guard's fix.</param>
    public ServiceImages(RegistryClient registry, ILogger logger, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _logger = logger;
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>
    /// Records the image <paramref name="digest"/> of <paramref name="source"/>'s repository as built from its
    /// inputs: the content tag points at it. Returns that reference, pinned to the digest.
    /// </summary>
    /// <exception cref="ArgumentException">The source's inputs cannot be told: such an image records nothing.</exception>
    public async Task<ImageReference> RecordAsync(ServiceSource source, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fingerprint = source.Fingerprint
            ?? throw new ArgumentException($"{source.Service.Artifact}'s inputs cannot be told, so no image can be recorded as built from them", nameof(source));
        var repository = source.Service.Artifact.Value;
        var built = ImageReference.Create(_registry.Registry, repository, digest);
        var tagged = await _registry.TagAsync(built, fingerprint.ContentTag, cancellationToken);
        _logger.LogInformation("{Repository}@{Digest} recorded as built from its inputs ({ContentTag})", built.Name, tagged.Digest, fingerprint.ContentTag);
        return ImageReference.Create(_registry.Registry, repository, fingerprint.ContentTag).WithDigest(tagged.Digest);
    }

    /// <summary>
    /// Puts an unchanged service's existing image under its release tag; nothing is uploaded. When the tag already
    /// holds the same content (same build fingerprint label) it is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException">The decision is not <see cref="ServiceChangeState.Unchanged"/>.</exception>
    /// <exception cref="ImageBuildException">The release tag holds other content and <paramref name="overwriteTag"/> is false.</exception>
    /// <exception cref="ServicesException">The existing image has no build fingerprint label to compare with.</exception>
    public async Task<RetaggedImage> RetagAsync(ServiceDecision decision, bool overwriteTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var existing = decision.Existing
            ?? throw new ArgumentException($"{decision.Source.Service.Artifact} is {decision.State}: only an unchanged service keeps its image", nameof(decision));
        var configuration = await _registry.GetImageConfigurationAsync(existing, cancellationToken);
        var fingerprint = ContextFingerprint.FromLabel(configuration.Labels.GetValueOrDefault(ContextFingerprint.LabelName))
            ?? throw new ServicesException(
                ServicesFailureKind.ImageNotComparable,
                $"{existing} has no {ContextFingerprint.LabelName} label, so whether {decision.Release.Tag} may point at it cannot be told: build the service once with Pipeline");
        var held = await new ReleaseGuard(_registry, _logger, _inputs).CheckAsync(decision.Release, fingerprint, overwriteTag, cancellationToken);
        if (held.IsSameContent)
        {
            return new RetaggedImage(decision.Release.WithDigest(held.Digest!.Value), Tagged: false);
        }

        var tagged = await _registry.TagAsync(existing, decision.Release.Tag!, cancellationToken);
        _logger.LogInformation("{Release} now points at the unchanged image {Digest} (no upload)", decision.Release.ToFamiliarString(), tagged.Digest);
        return new RetaggedImage(decision.Release.WithDigest(tagged.Digest), Tagged: true);
    }
}

/// <summary>An unchanged service's image under its release tag.</summary>
/// <param name="Release">The release reference, pinned to the digest it resolves to.</param>
/// <param name="Tagged">True when the tag was put now; false when it already held the same content.</param>
public sealed record RetaggedImage(ImageReference Release, bool Tagged);
