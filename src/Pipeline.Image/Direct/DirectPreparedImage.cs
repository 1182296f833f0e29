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
    Task<ContextFingerprint> fingerprint) : IPreparedImage
{
    private const int ParallelUploads = 4;

    public Task<ContextFingerprint> Fingerprint => fingerprint;

    public async Task<ImageBuildResult?> BuildAsync(Task<bool> proceed, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(builder.WorkFolder, $"pipeline-direct-{Guid.NewGuid():N}")).FullName;
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var layerFiles = layers.SelectMany(DotNetLayerSplit.Split).ToList();
        var writing = new LayerWriter(folder, builder.LayerCacheOf(request)).WriteAllAsync(layerFiles, request.Created, stopWriting.Token);
        try
        {
            if (!await proceed)
            {
                await stopWriting.CancelAsync();
                await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return null;
            }

            var written = await writing;
            var labels = await ImageBuilder.LabelsAsync(request, fingerprint, baseImage.Name);
            var config = ImageConfigWriter.Write(baseImage.Config, settings, labels,
                [.. DiffIds(baseImage), .. written.Select(layer => layer.DiffId)],
                [.. written.Select((layer, index) => $"COPY {index + 1}/{written.Count} (pipeline direct build)")], request.Created);
            var configDigest = Digest.ComputeSha256(config);
            var manifest = ImageManifestWriter.Write(configDigest, config.Length,
                [.. baseImage.Layers.Select(layer => (layer.Digest, layer.Size)), .. written.Select(layer => (layer.Digest, layer.Size))]);
            var manifestDigest = Digest.ComputeSha256(manifest);
            var blobs = baseImage.Layers.Select(layer => new PushedBlob(layer.Digest, layer.Size, layer.LocalPath, null) { MountFrom = layer.MountFrom })
                .Concat(written.Select(layer => new PushedBlob(layer.Digest, layer.Size, layer.Path, null)))
                .Append(new PushedBlob(configDigest, config.Length, null, config))
                .DistinctBy(blob => blob.Digest)
                .ToList();
            var tally = new PushTally();
            foreach (var repository in repositories)
            {
                await PushBlobsAsync(repository, blobs, tally, cancellationToken);
            }

            // The manifest last, under each tag: a failure before here leaves no tag, only unreferenced blobs.
            foreach (var tag in request.Tags)
            {
                var stored = await builder.Registry.Manifests.PutAsync(tag.Repository, tag.Tag ?? manifestDigest.ToString(), manifest, ManifestMediaTypes.DockerManifest, cancellationToken);
                if (stored.Digest != manifestDigest)
                {
                    throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                        $"the registry {builder.Registry.Registry} stored {tag} as {stored.Digest}, not the pushed manifest {manifestDigest}: check what rewrites manifests between here and the registry.");
                }
            }

            builder.Logger.LogInformation("Pushed {Tags} as {Digest}: {Uploaded} blobs uploaded ({Bytes:N0} bytes), {Reused} reused",
                string.Join(", ", request.Tags.Select(tag => tag.ToFamiliarString())), manifestDigest, tally.Uploaded, tally.Bytes, tally.Reused);
            return new ImageBuildResult
            {
                Builder = ImageBuilderKind.Direct,
                Tags = request.Tags,
                Fingerprint = await fingerprint,
                Labels = labels,
                BaseImage = ImageReference.TryParse(baseImage.Name, out var reference) ? reference : null,
                PushedDigest = manifestDigest,
                UploadedBytes = tally.Bytes,
                UploadedBlobs = tally.Uploaded,
                ReusedBlobs = tally.Reused,
                LayerDigests = [.. written.Select(layer => layer.Digest)],
            };
        }
        finally
        {
            await stopWriting.CancelAsync();
            await ((Task)writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<Digest> DiffIds(DirectBaseImage baseImage) =>
        (baseImage.Config["rootfs"]?["diff_ids"]?.AsArray() ?? []).Select(id => Digest.Parse(id!.GetValue<string>()));

    private async Task PushBlobsAsync(string repository, List<PushedBlob> blobs, PushTally tally, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken }, async (blob, token) =>
        {
            if (await builder.Registry.Blobs.ExistsAsync(repository, blob.Digest, token))
            {
                tally.AddReused();
                return;
            }

            if (blob.MountFrom is { } source && await builder.Registry.Blobs.MountAsync(repository, blob.Digest, source, token))
            {
                builder.Logger.LogInformation("Mounted {Digest} from {Source} into {Repository}", blob.Digest, source, repository);
                tally.AddReused();
                return;
            }

            if (blob.Content is null && blob.LocalPath is null)
            {
                throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                    $"the base layer {blob.Digest} went missing from {builder.Registry.Registry}/{repository} during the build: push the base again.");
            }

            builder.Logger.LogInformation("Uploading {Digest} ({Size:N0} bytes) to {Repository}", blob.Digest, blob.Size, repository);
            var content = blob.LocalPath is { } path ? BlobContent.FromFile(path, blob.Digest) : BlobContent.FromBytes(blob.Content!);
            await builder.Registry.Blobs.UploadAsync(repository, content, progress: null, token);
            tally.AddUploaded(blob.Size);
        });
    }
}
