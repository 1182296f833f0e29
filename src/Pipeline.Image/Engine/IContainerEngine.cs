using Docker.DotNet.Models;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// The few Docker Engine API calls the image stage makes. Streaming calls return every message with the in-band
/// error (the engine answers HTTP 200 and reports failures in the stream); other calls throw on failure.
/// </summary>
public interface IContainerEngine
{
    /// <summary>The engine's endpoint, for messages.</summary>
    Uri Endpoint { get; }

    /// <summary>Version, storage driver, networks and insecure registries.</summary>
    Task<EngineInfo> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The network mode builds need (<see cref="EngineInfo.BuildNetworkMode"/>): <c>host</c> on an engine without a
    /// bridge network, else null. Engines answer it with less than all of <see cref="GetInfoAsync"/>.
    /// </summary>
    async Task<string?> GetBuildNetworkModeAsync(CancellationToken cancellationToken) =>
        (await GetInfoAsync(cancellationToken)).BuildNetworkMode;

    /// <summary>
    /// Builds from a tar of the context (classic builder); waits until the build ends. <paramref name="registryLogins"/>
    /// (each for its <see cref="AuthConfig.ServerAddress"/>) let it pull private base images; they travel in a request header.
    /// </summary>
    Task<EngineStreamResult> BuildImageAsync(ImageBuildParameters parameters, Stream contextTar, IReadOnlyList<AuthConfig>? registryLogins, IProgress<JSONMessage>? progress, CancellationToken cancellationToken);

    /// <summary>Creates an image from a root file system tar (<c>docker import</c>), with Dockerfile-style changes such as <c>CMD ["/bin/sh"]</c>.</summary>
    Task<EngineStreamResult> ImportImageAsync(Stream rootfsTar, ImageReference tag, IReadOnlyList<string> changes, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="tag"/> to the image <paramref name="image"/> (an ID or reference).</summary>
    Task TagImageAsync(string image, ImageReference tag, CancellationToken cancellationToken);

    /// <summary>Pushes <paramref name="image"/> to its registry with credentials held in memory only.</summary>
    Task<EngineStreamResult> PushImageAsync(ImageReference image, AuthConfig auth, IProgress<JSONMessage>? progress, CancellationToken cancellationToken);

    /// <summary>Inspects an image by ID or reference; null when there is no such image.</summary>
    Task<ImageInspectResponse?> InspectImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Lists images (including intermediate ones when <paramref name="all"/>), optionally only those with a label (<c>key</c> or <c>key=value</c>).</summary>
    Task<IReadOnlyList<ImagesListResponse>> ListImagesAsync(string? label, bool all, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a tag or image without force: a tag is untagged and the image goes when nothing else holds it.
    /// Returns what the engine untagged and deleted; empty when there was no such image.
    /// </summary>
    Task<IReadOnlyList<ImageDeleteResponse>> RemoveImageAsync(string image, bool pruneUntaggedParents, CancellationToken cancellationToken);
}
