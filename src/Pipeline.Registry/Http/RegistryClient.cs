using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Registry.Http;

/// <summary>
/// A client for one registry's HTTP API v2: small operation interfaces (<see cref="Manifests"/>,
/// <see cref="Blobs"/>, <see cref="Repositories"/>) plus the image-level questions a build asks (digest of a tag,
/// labels of an image, retag, delete). Failures are <see cref="RegistryException"/>s with a named kind.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly RegistryConnection _connection;

    /// <summary>Creates a client with its own HTTP transport (TLS trust from <paramref name="options"/>).</summary>
    public RegistryClient(RegistryHost registry, RegistryCredentials credentials, RegistryClientOptions? options = null, ILogger? logger = null)
        : this(registry, credentials, options ?? new RegistryClientOptions(), transport: null, TimeProvider.System, logger)
    {
    }

    /// <summary>
    /// Creates a client over a caller-supplied transport (proxies, tests). The transport's TLS settings apply;
    /// <see cref="RegistryClientOptions.CaCertificatePath"/> is then the transport's business.
    /// </summary>
    public RegistryClient(
        RegistryHost registry,
        RegistryCredentials credentials,
        RegistryClientOptions options,
        HttpMessageHandler? transport,
        TimeProvider time,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        logger ??= NullLogger.Instance;
        _connection = new RegistryConnection(registry, credentials, options, transport, time, logger);
        Manifests = new ManifestOperations(_connection);
        Blobs = new BlobOperations(_connection, logger);
        Repositories = new RepositoryListing(_connection);
    }

    /// <summary>The registry this client talks to.</summary>
    public RegistryHost Registry => _connection.Registry;

    /// <summary>Manifest HEAD/GET/PUT/DELETE.</summary>
    public IManifestOperations Manifests { get; }

    /// <summary>Blob HEAD/GET/download/upload/mount.</summary>
    public IBlobOperations Blobs { get; }

    /// <summary>Catalog and tag listing.</summary>
    public IRepositoryListing Repositories { get; }

    /// <summary>
    /// Checks that the registry answers and that the credentials work (like <c>docker login</c>): finds the
    /// scheme and the auth challenge.
    /// </summary>
    public Task<RegistryEndpoint> PingAsync(CancellationToken cancellationToken = default) => _connection.GetEndpointAsync(cancellationToken);

    /// <summary>
    /// For a registry with token auth: the actions (<c>pull</c>, <c>push</c>) its token service grants these
    /// credentials on <paramref name="repository"/>, asked without touching the repository. Null when the registry
    /// uses Basic auth or none, or issues opaque tokens; then only an upload tells (<see cref="IBlobOperations.ProbeUploadAsync"/>).
    /// </summary>
    public Task<IReadOnlySet<string>?> GetGrantedActionsAsync(string repository, CancellationToken cancellationToken = default) =>
        _connection.GrantedActionsAsync(repository, cancellationToken);

    /// <summary>The descriptor (digest, media type, size) of <paramref name="image"/>, or null when the tag does not exist.</summary>
    public Task<ManifestDescriptor?> FindAsync(ImageReference image, CancellationToken cancellationToken = default) =>
        Manifests.FindAsync(RepositoryOf(image), image.ManifestReference, cancellationToken);

    /// <summary>
    /// The image config of <paramref name="image"/>: labels (e.g. a build fingerprint), platform, creation time.
    /// For a multi-platform index, the linux/amd64 entry (or the first one) is read.
    /// </summary>
    public async Task<ImageConfiguration> GetImageConfigurationAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        var repository = RepositoryOf(image);
        var manifest = await Manifests.GetAsync(repository, image.ManifestReference, cancellationToken);
        if (ManifestMediaTypes.IsIndex(manifest.Descriptor.MediaType))
        {
            var platformDigest = ImageManifestJson.PickPlatform(manifest.Content, _connection.Registry, image);
            manifest = await Manifests.GetAsync(repository, platformDigest.ToString(), cancellationToken);
        }

        var configDigest = ImageManifestJson.ConfigDigest(manifest.Content, _connection.Registry, image);
        var config = await Blobs.GetAsync(repository, configDigest, cancellationToken);
        return ImageManifestJson.ReadConfiguration(configDigest, config);
    }

    /// <summary>
    /// Points <paramref name="newTag"/> at the manifest of <paramref name="source"/> without Docker: the same
    /// bytes are PUT under the new tag, so the digest stays the same.
    /// </summary>
    public async Task<ManifestDescriptor> TagAsync(ImageReference source, string newTag, CancellationToken cancellationToken = default)
    {
        var target = source.WithTag(newTag);
        var repository = RepositoryOf(source);
        var manifest = await Manifests.GetAsync(repository, source.ManifestReference, cancellationToken);
        return await Manifests.PutAsync(repository, target.Tag!, manifest.Content, manifest.Descriptor.MediaType, cancellationToken);
    }

    /// <summary>
    /// Deletes the manifest <paramref name="image"/> points at (resolving a tag to its digest first). Every tag
    /// sharing that digest goes with it. Throws <see cref="RegistryFailureKind.DeleteDisabled"/> when forbidden.
    /// </summary>
    public async Task<Digest> DeleteAsync(ImageReference image, CancellationToken cancellationToken = default)
    {
        var repository = RepositoryOf(image);
        var digest = image.Digest
            ?? (await Manifests.FindAsync(repository, image.ManifestReference, cancellationToken))?.Digest
            ?? throw new RegistryException(
                RegistryFailureKind.ManifestUnknown,
                Registry,
                $"{image} does not exist (MANIFEST_UNKNOWN): nothing to delete");
        await Manifests.DeleteAsync(repository, digest, cancellationToken);
        return digest;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private string RepositoryOf(ImageReference image) =>
        image.Registry == Registry
            ? image.Repository
            : throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "{0} is in registry {1}, but this client talks to {2}: create a client for {1}", image, image.Registry, Registry),
                nameof(image));
}
