using Microsoft.Extensions.Logging;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Image.Direct;

/// <summary>
/// A base image in a registry other than the push registry, read with that registry's own login: its manifest (for
/// an index, the linux/amd64 one) from there, its config and every layer the push registry lacks fetched once into
/// a content-addressed <see cref="BlobFileCache"/> and uploaded from there at push time. A layer the push
/// registry's target repository already holds (a HEAD) is neither fetched nor uploaded.
/// </summary>
public static class ForeignBaseImage
{
    private const int ParallelFetches = 4;

    /// <summary>Reads <paramref name="image"/> from <paramref name="source"/>, its own registry.</summary>
    /// <param name="source">A client for <paramref name="image"/>'s registry with its login (never the push credentials).</param>
    /// <param name="cache">Where fetched blobs are kept by digest, across builds.</param>
    /// <param name="pushRegistry">The registry the image is pushed to, asked which layers it has.</param>
    /// <param name="image">The base image.</param>
    /// <param name="targetRepository">The repository of <paramref name="pushRegistry"/> the image goes to.</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes.</param>
    /// <param name="logger">Says what is fetched.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="platform">The platform built (its entry of a base index); null: linux/amd64.</param>
    /// <exception cref="ImageBuildException">The base registry refused or failed, naming the base and the fix; the base is missing or not gzip'd.</exception>
    public static async Task<DirectBaseImage> ReadAsync(
        RegistryClient source,
        BlobFileCache cache,
        RegistryClient pushRegistry,
        ImageReference image,
        string targetRepository,
        StageInputNames inputs,
        ILogger logger,
        CancellationToken cancellationToken,
        Platform? platform = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(pushRegistry);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(logger);
        if (image.Registry != source.Registry || image.Registry == pushRegistry.Registry)
        {
            throw new ArgumentException(
                $"the base image {image} must be read from its own registry ({image.Registry}), and that must not be the push registry {pushRegistry.Registry}: read a base in the push registry with RegistryBaseImage",
                nameof(image));
        }

        try
        {
            var manifest = await RegistryBaseImage.ManifestAsync(source, image, inputs, platform, cancellationToken);
            var configDigest = ImageManifestJson.ConfigDigest(manifest.Content, source.Registry, image);
            var config = await File.ReadAllBytesAsync(await cache.GetOrDownloadAsync(source.Blobs, image.Repository, configDigest, cancellationToken: cancellationToken), cancellationToken);
            var listed = RegistryBaseImage.Layers(manifest, image);
            var layers = new BaseLayer[listed.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, listed.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelFetches, CancellationToken = cancellationToken }, async (index, token) =>
            {
                var (digest, size) = listed[index];
                layers[index] = await pushRegistry.Blobs.ExistsAsync(targetRepository, digest, token)
                    ? new BaseLayer(digest, size, LocalPath: null)
                    : new BaseLayer(digest, size, await CachedAsync(source, cache, image, digest, size, logger, token));
            });
            return new DirectBaseImage(image.ToString(), RegistryBaseImage.Config(config, image, platform, inputs), layers);
        }
        catch (RegistryException exception) when (exception.Registry == image.Registry)
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"the base image {image} cannot be read from its registry: {exception.Problem}: {Fix(exception, image, inputs)}.", innerException: exception);
        }
    }

    private static async Task<string> CachedAsync(RegistryClient source, BlobFileCache cache, ImageReference image, Digest digest, long size, ILogger logger, CancellationToken cancellationToken)
    {
        if (cache.Find(digest) is { } cached)
        {
            return cached;
        }

        var path = await cache.GetOrDownloadAsync(source.Blobs, image.Repository, digest, cancellationToken: cancellationToken);
        logger.LogInformation("Fetched the base layer {Digest} ({Size:N0} bytes) from {Registry} into {Cache}", digest, size, image.Registry, cache.RootDirectory);
        return path;
    }

    // The registry client's fixes name the push registry's inputs; a base registry's login and address are set elsewhere.
    private static string Fix(RegistryException exception, ImageReference image, StageInputNames inputs) => exception.Kind switch
    {
        RegistryFailureKind.NoBasicAuthCredentials or RegistryFailureKind.Unauthorized =>
            $"docker login {image.Registry} (its login comes from your docker config or credential helper; the push credentials never go to another registry)",
        RegistryFailureKind.Unreachable =>
            $"start the registry {image.Registry}, or correct {inputs.BaseImage}",
        RegistryFailureKind.HttpResponseToHttpsClient =>
            $"give {image.Registry} TLS (Pipeline reads a base over plain HTTP only on loopback), or set {inputs.ImageBuilder} to engine with {image.Registry} in the daemon's insecure-registries",
        RegistryFailureKind.UnknownAuthority =>
            $"add the CA certificate of {image.Registry} to this machine's trusted certificates ({inputs.RegistryCa} is for the push registry only)",
        _ => exception.Fix ?? RegistryFixes.For(exception.Kind, image.Registry, inputs, image.Repository),
    };
}
