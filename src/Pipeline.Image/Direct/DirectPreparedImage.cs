using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;

namespace Pipeline.Image.Direct;

/// <summary>
/// A direct build planned and waiting for its go-ahead: the layers are written meanwhile (they cost the most and
/// touch nothing outside a work folder); the registry sees nothing until <c>proceed</c> says yes.
/// </summary>
internal sealed class DirectPreparedImage(
    DirectImageBuilder builder,
    ImageBuildRequest request,
    IReadOnlyList<string> repositories,
    DirectBaseImage baseImage,
    IReadOnlyList<IReadOnlyList<LayerFile>> layers,
    ContainerSettings settings,
    Task<ContextFingerprint> fingerprint,
    Platform? platform = null) : IPreparedImage
{
    private const int ParallelUploads = 4;

    public Task<ContextFingerprint> Fingerprint => fingerprint;

    /// <summary>The platform of this image in a multi-platform build; null for a single-platform build.</summary>
    public Platform? Platform => platform;

    /// <summary>The base the image is built on.</summary>
    public DirectBaseImage BaseImage => baseImage;

    public async Task<ImageBuildResult?> BuildAsync(Task<bool> proceed, CancellationToken cancellationToken)
    {
        var tally = new PushTally();
        if (await PushAsync(proceed, fingerprint, underTags: true, tally, cancellationToken) is not { } pushed)
        {
            return null;
        }

        builder.Logger.LogInformation("Pushed {Tags} as {Digest}: {Uploaded} blobs uploaded ({Bytes:N0} bytes), {Reused} reused",
            string.Join(", ", request.Tags.Select(tag => tag.ToFamiliarString())), pushed.Digest, tally.Uploaded, tally.Bytes, tally.Reused);
        return new ImageBuildResult
        {
            Builder = ImageBuilderKind.Direct,
            Tags = request.Tags,
            Fingerprint = await fingerprint,
            Labels = pushed.Labels,
            BaseImage = ImageReference.TryParse(baseImage.Name, out var reference) ? reference : null,
            PushedDigest = pushed.Digest,
            UploadedBytes = tally.Bytes,
            UploadedBlobs = tally.Uploaded,
            ReusedBlobs = tally.Reused,
            LayerDigests = pushed.LayerDigests,
        };
    }

    /// <summary>
    /// Writes the layers while <paramref name="proceed"/> is pending, then pushes the blobs and the manifest: under
    /// each tag (a single-platform image), or under its digest in each repository (one platform of an index, whose
    /// tags go to the index). Null when told not to proceed.
    /// </summary>
    /// <param name="proceed">Whether to push at all.</param>
    /// <param name="labelled">The fingerprint the config's label carries: the image's own, or the index's.</param>
    /// <param name="underTags">Put the manifest under the request's tags rather than only its digest.</param>
    /// <param name="tally">Counts what was uploaded and reused.</param>
    /// <param name="cancellationToken">Cancels writing and pushing.</param>
    internal async Task<DirectPushedManifest?> PushAsync(Task<bool> proceed, Task<ContextFingerprint> labelled, bool underTags, PushTally tally, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(builder.WorkFolder, $"pipeline-direct-{Guid.NewGuid():N}")).FullName;
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var layerContents = layers.SelectMany(copy => DotNetLayerSplit.Split(copy, request.Created)).ToList();
        var writing = new LayerWriter(folder, builder.LayerCacheOf(request)).WriteAllAsync(layerContents, stopWriting.Token);
        try
        {
            if (!await proceed)
            {
                await stopWriting.CancelAsync();
                await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return null;
            }

            var written = await writing;
            var labels = await ImageBuilder.LabelsAsync(request, labelled, baseImage.Name);
            var config = ImageConfigWriter.Write(baseImage.Config, settings, labels,
                [.. DiffIds(baseImage), .. written.Select(layer => layer.DiffId)],
                [.. written.Select((layer, index) => $"COPY {index + 1}/{written.Count} (pipeline direct build)")], request.Created, platform);
            var configDigest = Digest.ComputeSha256(config);
            var manifest = ImageManifestWriter.Write(configDigest, config.Length,
                [.. baseImage.Layers.Select(layer => (layer.Digest, layer.Size)), .. written.Select(layer => (layer.Digest, layer.Size))]);
            var manifestDigest = Digest.ComputeSha256(manifest);
            var blobs = baseImage.Layers.Select(layer => new PushedBlob(layer.Digest, layer.Size, layer.LocalPath, null) { MountFrom = layer.MountFrom })
                .Concat(written.Select(layer => new PushedBlob(layer.Digest, layer.Size, layer.Path, null)))
                .Append(new PushedBlob(configDigest, config.Length, null, config))
                .DistinctBy(blob => blob.Digest)
                .ToList();
            foreach (var repository in repositories)
            {
                await PushBlobsAsync(repository, blobs, tally, cancellationToken);
            }

            // The manifest last: a failure before here leaves no tag, only unreferenced blobs.
            var references = underTags
                ? request.Tags.Select(tag => (tag.Repository, Reference: tag.Tag ?? manifestDigest.ToString()))
                : repositories.Select(repository => (Repository: repository, Reference: manifestDigest.ToString()));
            foreach (var (repository, reference) in references)
            {
                await PutManifestAsync(builder, repository, reference, manifest, ManifestMediaTypes.DockerManifest, manifestDigest, cancellationToken);
            }

            return new DirectPushedManifest(manifestDigest, manifest.Length, labels, [.. written.Select(layer => layer.Digest)]);
        }
        finally
        {
            await stopWriting.CancelAsync();
            await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>PUTs a manifest and checks the registry stored exactly those bytes.</summary>
    internal static async Task PutManifestAsync(
        DirectImageBuilder builder, string repository, string reference, byte[] manifest, string mediaType, Digest digest, CancellationToken cancellationToken)
    {
        var stored = await builder.Registry.Manifests.PutAsync(repository, reference, manifest, mediaType, cancellationToken);
        if (stored.Digest != digest)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"the registry {builder.Registry.Registry} stored {repository}:{reference} as {stored.Digest}, not the pushed manifest {digest}: check what rewrites manifests between here and the registry.");
        }
    }

    private static IEnumerable<Digest> DiffIds(DirectBaseImage baseImage) =>
        (baseImage.Config["rootfs"]?["diff_ids"]?.AsArray() ?? []).Select(id => Digest.Parse(id!.GetValue<string>()));

    // Layers report their progress as the engine's push does; the config, a few hundred bytes of JSON, shows no bar.
    private async Task PushBlobsAsync(string repository, List<PushedBlob> blobs, PushTally tally, CancellationToken cancellationToken)
    {
        foreach (var layer in blobs.Where(blob => blob.Content is null))
        {
            builder.Layers.Report(layer.Digest, LayerPushReporter.Preparing);
        }

        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken }, async (blob, token) =>
        {
            var layers = blob.Content is null ? builder.Layers : null;
            if (await builder.Registry.Blobs.ExistsAsync(repository, blob.Digest, token))
            {
                layers?.Report(blob.Digest, LayerPushReporter.AlreadyExists);
                tally.AddReused();
                return;
            }

            if (blob.MountFrom is { } source && await builder.Registry.Blobs.MountAsync(repository, blob.Digest, source, token))
            {
                builder.Logger.LogInformation("Mounted {Digest} from {Source} into {Repository}", blob.Digest, source, repository);
                layers?.Report(blob.Digest, LayerPushReporter.MountedFrom(source));
                tally.AddReused();
                return;
            }

            if (blob.Content is null && blob.LocalPath is null)
            {
                throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                    $"the base layer {blob.Digest} went missing from {builder.Registry.Registry}/{repository} during the build: push the base again.");
            }

            builder.Logger.LogDebug("Uploading {Digest} ({Size:N0} bytes) to {Repository}", blob.Digest, blob.Size, repository);
            var content = blob.LocalPath is { } path ? BlobContent.FromFile(path, blob.Digest) : BlobContent.FromBytes(blob.Content!);
            await builder.Registry.Blobs.UploadAsync(repository, content, layers?.Sent(blob.Digest, blob.Size), token);
            layers?.Report(blob.Digest, LayerPushReporter.Pushed);
            tally.AddUploaded(blob.Size);
        });
    }
}
