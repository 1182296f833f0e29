using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Image.Direct;

/// <summary>
/// Builds an image without an engine and pushes it straight to the registry: the layers are written as
/// reproducible gzip'd tars (a .NET publish output split in three), stacked on the base's, described by a config
/// and a schema 2 manifest, and pushed blob by blob (HEAD first, upload what is missing, the config, then the
/// manifest under each tag last), so a second push of the same inputs uploads nothing.
/// </summary>
public sealed class DirectImageBuilder
{
    private const int ParallelUploads = 4;

    private readonly RegistryClient _registry;
    private readonly DirectLocalBase _localBase;
    private readonly ILogger _logger;
    private readonly StageInputNames _inputs;
    private readonly string _workFolder;

    /// <summary>Creates the builder.</summary>
    /// <param name="registry">The registry the image is pushed to (every tag must be in it).</param>
    /// <param name="localBase">Writes the offline base when the request asks for it.</param>
    /// <param name="logger">Where progress goes.</param>
    /// <param name="workFolder">Where layers are written while they are pushed; the temp folder when null.</param>
    /// <param name="inputs">What the caller calls its base image input, for the failures that suggest one.</param>
    public DirectImageBuilder(RegistryClient registry, DirectLocalBase localBase, ILogger logger, string? workFolder = null, StageInputNames? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(localBase);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _localBase = localBase;
        _logger = logger;
        _workFolder = workFolder ?? Path.GetTempPath();
        _inputs = inputs ?? StageInputNames.Neutral;
    }

    /// <summary>Builds and pushes the image.</summary>
    /// <exception cref="ImageBuildException">The input is invalid or the base image is unavailable.</exception>
    /// <exception cref="RegistryException">The registry refused or failed (nothing is tagged then).</exception>
    public async Task<DirectBuiltImage> BuildAsync(DirectImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var build = request.Build;
        var repositories = TargetRepositories(build);
        var context = await BuildContext.CreateAsync(build.ContextDirectory, build.Dockerfile, build.IgnoreFile, cancellationToken);
        var baseImage = build.BaseImage switch
        {
            { IsLocal: true } => await _localBase.ResolveAsync(cancellationToken),
            { Reference: { } reference } => await RegistryBaseImage.ReadAsync(_registry, reference, repositories[0], _inputs, cancellationToken),
            _ => throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"no base image was named for {build.Dockerfile}: the direct build pulls nothing unasked; set {_inputs.BaseImage} to an image in {_registry.Registry} or to 'local'."),
        };

        // The same fingerprint and labels as the engine builder: the base is a build argument there.
        var buildArguments = new Dictionary<string, string>(build.BuildArguments, StringComparer.Ordinal) { [build.BaseImageArgument] = baseImage.Name };
        var fingerprinting = ContextFingerprint.ComputeAsync(context, buildArguments, build.TargetStage, baseImage.Name, cancellationToken);
        var labels = await ImageBuilder.LabelsAsync(build, fingerprinting, baseImage.Name);

        var folder = Directory.CreateDirectory(Path.Combine(_workFolder, $"pipeline-direct-{Guid.NewGuid():N}")).FullName;
        try
        {
            var layerFiles = request.Layers.SelectMany(copy => request.SplitDotNetOutput ? DotNetLayerSplit.Split(copy) : [copy]).ToList();
            var layers = await new LayerWriter(folder).WriteAllAsync(layerFiles, build.Created, cancellationToken);
            var config = ImageConfigWriter.Write(baseImage.Config, request.Settings, labels,
                [.. DiffIds(baseImage), .. layers.Select(layer => layer.DiffId)],
                [.. layers.Select((layer, index) => $"COPY {index + 1}/{layers.Count} (pipeline direct build)")], build.Created);
            var configDigest = Digest.ComputeSha256(config);
            var manifest = ImageManifestWriter.Write(configDigest, config.Length,
                [.. baseImage.Layers.Select(layer => (layer.Digest, layer.Size)), .. layers.Select(layer => (layer.Digest, layer.Size))]);
            var manifestDigest = Digest.ComputeSha256(manifest);

            var blobs = baseImage.Layers.Select(layer => new PushedBlob(layer.Digest, layer.Size, layer.LocalPath, null))
                .Concat(layers.Select(layer => new PushedBlob(layer.Digest, layer.Size, layer.Path, null)))
                .Append(new PushedBlob(configDigest, config.Length, null, config))
                .DistinctBy(blob => blob.Digest)
                .ToList();
            var tally = new PushTally();
            foreach (var repository in repositories)
            {
                await PushBlobsAsync(repository, blobs, tally, cancellationToken);
            }

            foreach (var tag in build.Tags)
            {
                var stored = await _registry.Manifests.PutAsync(tag.Repository, tag.Tag ?? manifestDigest.ToString(), manifest, ManifestMediaTypes.DockerManifest, cancellationToken);
                if (stored.Digest != manifestDigest)
                {
                    throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                        $"the registry {_registry.Registry} stored {tag} as {stored.Digest}, not the pushed manifest {manifestDigest}: check what rewrites manifests between here and the registry.");
                }
            }

            _logger.LogInformation("Pushed {Tags} as {Digest}: {Uploaded} blobs uploaded ({Bytes:N0} bytes), {Reused} reused",
                string.Join(", ", build.Tags.Select(tag => tag.ToFamiliarString())), manifestDigest, tally.Uploaded, tally.Bytes, tally.Reused);
            return new DirectBuiltImage(build.Tags, await fingerprinting, labels, baseImage.Name, manifestDigest, configDigest,
                [.. layers.Select(layer => layer.Digest)], tally.Bytes, tally.Uploaded, tally.Reused);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private List<string> TargetRepositories(ImageBuildRequest build)
    {
        if (build.Tags.Count == 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput, $"no tags for the image built from {build.Dockerfile}: pass at least one image reference to tag it with.");
        }

        var elsewhere = build.Tags.Where(tag => tag.Registry != _registry.Registry).Select(tag => tag.ToString()).ToList();
        if (elsewhere.Count > 0)
        {
            throw new ImageBuildException(ImageBuildFailureKind.InvalidInput,
                $"the tag {elsewhere[0]} is not in the registry {_registry.Registry} the direct build pushes to: name every tag in {_registry.Registry}.");
        }

        return [.. build.Tags.Select(tag => tag.Repository).Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<Digest> DiffIds(DirectBaseImage baseImage) =>
        (baseImage.Config["rootfs"]?["diff_ids"]?.AsArray() ?? []).Select(id => Digest.Parse(id!.GetValue<string>()));

    private async Task PushBlobsAsync(string repository, List<PushedBlob> blobs, PushTally tally, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken }, async (blob, token) =>
        {
            if (await _registry.Blobs.ExistsAsync(repository, blob.Digest, token))
            {
                tally.AddReused();
                return;
            }

            if (blob.Content is null && blob.LocalPath is null)
            {
                throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                    $"the base layer {blob.Digest} went missing from {_registry.Registry}/{repository} during the build: push the base again.");
            }

            // Whole-blob upload until the registry client streams (IBlobOperations.UploadAsync(BlobContent)).
            var content = blob.Content ?? await File.ReadAllBytesAsync(blob.LocalPath!, token);
            _logger.LogInformation("Uploading {Digest} ({Size:N0} bytes) to {Repository}", blob.Digest, blob.Size, repository);
            await _registry.Blobs.UploadAsync(repository, blob.Digest, content, token);
            tally.AddUploaded(blob.Size);
        });
    }
}
