using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image.Direct;

/// <summary>
/// A multi-platform direct build waiting for its go-ahead: one prepared image per platform, whose layers are written
/// meanwhile. After a yes each platform's blobs and manifest are pushed (by digest), then the index under each tag.
/// Its fingerprint combines the platforms', and every platform's config carries it, so the release guard's one look
/// at the tag covers them all.
/// </summary>
internal sealed class DirectPreparedIndex : IPreparedImage
{
    private readonly DirectImageBuilder _builder;
    private readonly ImageBuildRequest _request;
    private readonly IReadOnlyList<DirectPreparedImage> _images;

    public DirectPreparedIndex(DirectImageBuilder builder, ImageBuildRequest request, IReadOnlyList<DirectPreparedImage> images)
    {
        _builder = builder;
        _request = request;
        _images = images;
        Fingerprint = CombineAsync(images);
    }

    public Task<ContextFingerprint> Fingerprint { get; }

    public async Task<ImageBuildResult?> BuildAsync(Task<bool> proceed, CancellationToken cancellationToken)
    {
        var tally = new PushTally();
        using var stopOthers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pushing = _images.Select(image => PushPlatformAsync(image, proceed, tally, stopOthers)).ToList();
        try
        {
            await Task.WhenAll(pushing);
        }
        catch (Exception)
        {
            // The platform that failed first, not a sibling it cancelled.
            var cause = pushing.Select(task => task.Exception?.InnerException).FirstOrDefault(exception => exception is not null and not OperationCanceledException);
            if (cause is not null)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }

        var pushed = pushing.Select(task => task.Result).ToList();
        if (pushed.Any(manifest => manifest is null))
        {
            return null;
        }

        var index = ImageIndexWriter.Write([.. pushed.Select((manifest, position) => (manifest!.Digest, manifest.Size, PlatformOf(_images[position])))]);
        var indexDigest = Digest.ComputeSha256(index);
        foreach (var tag in _request.Tags)
        {
            await DirectPreparedImage.PutManifestAsync(_builder, tag.Repository, tag.Tag ?? indexDigest.ToString(), index, ManifestMediaTypes.DockerManifestList, indexDigest, cancellationToken);
        }

        var platforms = _images.Select(PlatformOf).ToList();
        _builder.Logger.LogInformation("Pushed {Tags} as the index {Digest} of {Platforms}: {Uploaded} blobs uploaded ({Bytes:N0} bytes), {Reused} reused",
            string.Join(", ", _request.Tags.Select(tag => tag.ToFamiliarString())), indexDigest, string.Join(", ", platforms), tally.Uploaded, tally.Bytes, tally.Reused);
        return new ImageBuildResult
        {
            Builder = ImageBuilderKind.Direct,
            Tags = _request.Tags,
            Fingerprint = await Fingerprint,
            Labels = pushed[0]!.Labels,
            BaseImage = ImageReference.TryParse(_images[0].BaseImage.Name, out var reference) ? reference : null,
            PushedDigest = indexDigest,
            Platforms = platforms,
            PlatformDigests = [.. pushed.Select(manifest => manifest!.Digest)],
            UploadedBytes = tally.Bytes,
            UploadedBlobs = tally.Uploaded,
            ReusedBlobs = tally.Reused,
            LayerDigests = [.. pushed.SelectMany(manifest => manifest!.LayerDigests)],
        };
    }

    private async Task<DirectPushedManifest?> PushPlatformAsync(DirectPreparedImage image, Task<bool> proceed, PushTally tally, CancellationTokenSource stopOthers)
    {
        try
        {
            return await image.PushAsync(proceed, Fingerprint, underTags: false, tally, stopOthers.Token);
        }
        catch (Exception)
        {
            await stopOthers.CancelAsync();
            throw;
        }
    }

    private static Platform PlatformOf(DirectPreparedImage image) =>
        image.Platform ?? throw new InvalidOperationException("a platform image of an index has no platform");

    private static async Task<ContextFingerprint> CombineAsync(IReadOnlyList<DirectPreparedImage> images)
    {
        var fingerprints = await Task.WhenAll(images.Select(image => image.Fingerprint));
        return ContextFingerprint.Combine([.. images.Select((image, position) => (PlatformOf(image), fingerprints[position]))]);
    }
}
