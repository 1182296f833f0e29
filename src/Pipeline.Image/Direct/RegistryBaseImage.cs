using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Registry;
using Pipeline.Registry.Http;
using Pipeline.Version;

namespace Pipeline.Image.Direct;

/// <summary>
/// A base image in the registry the image is pushed to: its manifest (for an index, the platform's, linux/amd64 by default) and
/// config are read, and its layers are reused where they are (a HEAD in the target repository, else a
/// cross-repository mount from the base's own repository), never uploaded again. A base in another registry is
/// <see cref="ForeignBaseImage"/>'s.
/// </summary>
public static class RegistryBaseImage
{
    private const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>Reads <paramref name="image"/> and checks that <paramref name="targetRepository"/> holds its layers.</summary>
    /// <param name="registry">The push registry, which holds the base.</param>
    /// <param name="image">The base.</param>
    /// <param name="targetRepository">Where the image is pushed, so where the base's layers must be (or be mounted from).</param>
    /// <param name="inputs">What the caller calls its inputs, for the fixes.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="platform">The platform built: its entry of a base index, and a single-manifest base must be for it; null reads an index's linux/amd64 entry.</param>
    /// <exception cref="ImageBuildException">The base is missing, not for the platform, or its layers are not in the target repository.</exception>
    /// <exception cref="ArgumentException">The base is in another registry than <paramref name="registry"/>.</exception>
    public static async Task<DirectBaseImage> ReadAsync(
        RegistryClient registry, ImageReference image, string targetRepository, StageInputNames inputs, CancellationToken cancellationToken, Platform? platform = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(inputs);
        if (image.Registry != registry.Registry)
        {
            throw new ArgumentException(
                $"the base image {image} is in {image.Registry}, not in the push registry {registry.Registry}: read it with ForeignBaseImage, which fetches it from its own registry",
                nameof(image));
        }

        var manifest = await ManifestAsync(registry, image, inputs, platform, cancellationToken);
        var layers = new List<BaseLayer>();
        foreach (var (digest, size) in Layers(manifest, image))
        {
            if (await registry.Blobs.ExistsAsync(targetRepository, digest, cancellationToken))
            {
                layers.Add(new BaseLayer(digest, size, LocalPath: null));
            }
            else if (image.Repository != targetRepository && await registry.Blobs.ExistsAsync(image.Repository, digest, cancellationToken))
            {
                // Mounted into the target repository at push time, after the release decision: never downloaded.
                layers.Add(new BaseLayer(digest, size, LocalPath: null) { MountFrom = image.Repository });
            }
            else
            {
                throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                    $"the base image {image}'s layer {digest} is in neither {image.Repository} nor {targetRepository} of {registry.Registry}: "
                    + $"push the base into {registry.Registry} again, or set {inputs.BaseImage} to 'local'.");
            }
        }

        var configDigest = ImageManifestJson.ConfigDigest(manifest.Content, registry.Registry, image);
        return new DirectBaseImage(image.ToString(), Config((await registry.Blobs.GetAsync(image.Repository, configDigest, cancellationToken)).Span, image, platform, inputs), layers);
    }

    /// <summary>
    /// The manifest of <paramref name="image"/> in <paramref name="registry"/>, its own registry: for an index, the entry
    /// of <paramref name="platform"/> (null: linux/amd64).
    /// </summary>
    internal static async Task<RegistryManifest> ManifestAsync(RegistryClient registry, ImageReference image, StageInputNames inputs, Platform? platform, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = await registry.Manifests.GetAsync(image.Repository, image.ManifestReference, cancellationToken);
            if (ManifestMediaTypes.IsIndex(manifest.Descriptor.MediaType))
            {
                var entry = platform is { } wanted
                    ? ImageManifestJson.FindPlatform(manifest.Content, registry.Registry, image, wanted.Os, wanted.Architecture, wanted.Variant)
                        ?? throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                            $"the base image {image} has no {wanted} manifest in its index, and {inputs.Platforms} asks for {wanted}: "
                            + $"push a base index with every platform asked for to {registry.Registry}, or set {inputs.BaseImage} to one.")
                    : ImageManifestJson.PickPlatform(manifest.Content, registry.Registry, image);
                manifest = await registry.Manifests.GetAsync(image.Repository, entry.ToString(), cancellationToken);
            }

            return manifest;
        }
        catch (RegistryException exception) when (exception.Kind is RegistryFailureKind.ManifestUnknown or RegistryFailureKind.NameUnknown)
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"the base image {image} does not exist in {registry.Registry}: push it there first, or set {inputs.BaseImage} to an image that exists.",
                innerException: exception);
        }
    }

    /// <summary>The manifest's layers, bottom first; only gzip'd tars, the layers the direct build stacks on.</summary>
    internal static IReadOnlyList<(Digest Digest, long Size)> Layers(RegistryManifest manifest, ImageReference image)
    {
        using var document = JsonDocument.Parse(manifest.Content);
        var layers = new List<(Digest, long)>();
        foreach (var layer in document.RootElement.GetProperty("layers").EnumerateArray())
        {
            var mediaType = layer.GetProperty("mediaType").GetString();
            if (mediaType is not (ManifestMediaTypes.DockerLayerGzip or OciLayerGzip))
            {
                throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                    $"the base image {image} has a layer of type {mediaType}; the direct build stacks gzip'd tar layers only: use a base built with gzip layers.");
            }

            layers.Add((Digest.Parse(layer.GetProperty("digest").GetString()!), layer.GetProperty("size").GetInt64()));
        }

        return layers;
    }

    /// <summary>The base's config JSON; with <paramref name="platform"/>, it must be that platform's (a single-manifest base).</summary>
    internal static JsonObject Config(ReadOnlySpan<byte> content, ImageReference image, Platform? platform, StageInputNames inputs)
    {
        var config = JsonNode.Parse(content) as JsonObject
            ?? throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable, $"the config of the base image {image} is not a JSON object: push the base again.");
        if (platform is { } built && (config["os"]?.GetValue<string>() != built.Os || config["architecture"]?.GetValue<string>() != built.Architecture))
        {
            throw new ImageBuildException(ImageBuildFailureKind.BaseImageUnavailable,
                $"the base image {image} is for {config["os"]}/{config["architecture"]}, and {inputs.Platforms} asks for {built}: "
                + $"push a multi-platform base (an image index) and set {inputs.BaseImage} to it.");
        }

        return config;
    }
}
