using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary><see cref="IContainerEngine"/> over the Docker Engine API (Docker.DotNet, unversioned paths).</summary>
public sealed class DockerEngine : IContainerEngine, IDisposable
{
    private readonly DockerClient _client;
    private readonly bool _disposeClient;

    /// <summary>Wraps <paramref name="client"/>; disposes it with this engine when <paramref name="disposeClient"/>.</summary>
    public DockerEngine(DockerClient client, bool disposeClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _disposeClient = disposeClient;
    }

    /// <inheritdoc />
    public Uri Endpoint => _client.Options.Endpoint;

    /// <summary>Asks the engine whether it answers (<c>GET /_ping</c>); throws what the connection threw when not.</summary>
    internal Task PingAsync(CancellationToken cancellationToken) => _client.System.PingAsync(cancellationToken);

    /// <inheritdoc />
    public Task<EngineInfo> GetInfoAsync(CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        // Three independent questions: asked at once, they cost one round trip.
        var infoTask = _client.System.GetSystemInfoAsync(cancellationToken);
        var versionTask = _client.System.GetVersionAsync(cancellationToken);
        var bridgeTask = HasBridgeNetworkAsync(cancellationToken);
        var (info, version, bridge) = (await infoTask, await versionTask, await bridgeTask);
        var registries = info.RegistryConfig;
        return new EngineInfo(
            version.Version ?? info.ServerVersion ?? "unknown",
            version.APIVersion ?? "unknown",
            info.Driver ?? "unknown",
            bridge,
            registries?.InsecureRegistryCIDRs?.ToList() ?? [],
            registries?.IndexConfigs?.Values.Where(index => !index.Secure).Select(index => index.Name).ToList() ?? []);
    });

    /// <inheritdoc />
    public Task<string?> GetBuildNetworkModeAsync(CancellationToken cancellationToken) =>
        GuardAsync(async () => EngineInfo.NetworkModeFor(await HasBridgeNetworkAsync(cancellationToken)));

    /// <inheritdoc />
    public Task<EngineStreamResult> BuildImageAsync(ImageBuildParameters parameters, Stream contextTar, IReadOnlyList<AuthConfig>? registryLogins, IProgress<JSONMessage>? progress, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var collector = new StreamCollector(progress);
            await _client.Images.BuildImageFromDockerfileAsync(parameters, contextTar, registryLogins, headers: null, collector, cancellationToken);
            return collector.ToResult();
        });

    /// <inheritdoc />
    public Task<EngineStreamResult> ImportImageAsync(Stream rootfsTar, ImageReference tag, IReadOnlyList<string> changes, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var collector = new StreamCollector(forwardTo: null);
            var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = tag.Name, Tag = tag.Tag, Changes = [.. changes] };
            await _client.Images.CreateImageAsync(parameters, rootfsTar, authConfig: null, collector, cancellationToken);
            return collector.ToResult();
        });

    /// <inheritdoc />
    public Task TagImageAsync(string image, ImageReference tag, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await _client.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = tag.Name, Tag = tag.Tag }, cancellationToken);
            return true;
        });

    /// <inheritdoc />
    public Task<EngineStreamResult> PushImageAsync(ImageReference image, AuthConfig auth, IProgress<JSONMessage>? progress, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var collector = new StreamCollector(progress);
            await _client.Images.PushImageAsync(image.Name, new ImagePushParameters { Tag = image.Tag ?? "latest" }, auth, collector, cancellationToken);
            return collector.ToResult();
        });

    /// <inheritdoc />
    public Task<ImageInspectResponse?> InspectImageAsync(string image, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            try
            {
                return await _client.Images.InspectImageAsync(image, cancellationToken);
            }
            catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<ImagesListResponse>> ListImagesAsync(string? label, bool all, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var parameters = new ImagesListParameters { All = all, Filters = label is null ? null : Filter("label", label) };
            IReadOnlyList<ImagesListResponse> images = [.. await _client.Images.ListImagesAsync(parameters, cancellationToken)];
            return images;
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<ImageDeleteResponse>> RemoveImageAsync(string image, bool pruneUntaggedParents, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            try
            {
                var parameters = new ImageDeleteParameters { Force = false, NoPrune = !pruneUntaggedParents };
                var removed = await _client.Images.DeleteImageAsync(image, parameters, cancellationToken);
                IReadOnlyList<ImageDeleteResponse> responses = [.. removed.Select(item => new ImageDeleteResponse
                {
                    Untagged = item.TryGetValue("Untagged", out var untagged) ? untagged : null,
                    Deleted = item.TryGetValue("Deleted", out var deleted) ? deleted : null,
                })];
                return responses;
            }
            catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }
        });

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposeClient)
        {
            _client.Dispose();
        }
    }

    private async Task<bool> HasBridgeNetworkAsync(CancellationToken cancellationToken)
    {
        // The name filter matches substrings: check the exact name.
        var networks = await _client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = Filter("name", "bridge") }, cancellationToken);
        return networks.Any(network => network.Name == "bridge");
    }

    private static Dictionary<string, IDictionary<string, bool>> Filter(string key, string value) =>
        new() { [key] = new Dictionary<string, bool> { [value] = true } };

    // A socket that stops answering mid-run is an engine problem, not a build problem: say so with the endpoint.
    private async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException exception)
        {
            throw new ContainerEngineUnavailableException(
                ContainerEngineFailureKind.Unreachable,
                Endpoint,
                $"the Docker engine at {Endpoint} stopped answering ({exception.Message}): check that dockerd is running.",
                exception);
        }
        catch (TimeoutException exception)
        {
            throw new ContainerEngineUnavailableException(
                ContainerEngineFailureKind.Unreachable,
                Endpoint,
                $"the Docker engine at {Endpoint} did not answer in time: check that dockerd is running.",
                exception);
        }
    }
}
