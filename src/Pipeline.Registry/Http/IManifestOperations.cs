namespace Pipeline.Registry.Http;

/// <summary>
/// Manifests of one registry (distribution spec "Pulling manifests", "Pushing manifests", "Deleting manifests").
/// <c>reference</c> is a tag or a digest string.
/// </summary>
public interface IManifestOperations
{
    /// <summary>HEAD a manifest: its descriptor, or null when the repository or tag does not exist.</summary>
    Task<ManifestDescriptor?> FindAsync(string repository, string reference, CancellationToken cancellationToken = default);

    /// <summary>GET a manifest with its exact bytes; throws <see cref="RegistryFailureKind.ManifestUnknown"/> when missing.</summary>
    Task<RegistryManifest> GetAsync(string repository, string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// PUT a manifest under a tag or digest as <paramref name="mediaType"/>, one of <see cref="ManifestMediaTypes.All"/>
    /// (Docker v2 manifest or manifest list, OCI manifest or index) and the one its JSON declares; its blobs (an
    /// index: its manifests) must exist already. Returns what the registry stored.
    /// </summary>
    Task<ManifestDescriptor> PutAsync(string repository, string reference, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>DELETE a manifest by digest (every tag pointing at it goes); throws <see cref="RegistryFailureKind.DeleteDisabled"/> when the registry forbids deletes.</summary>
    Task DeleteAsync(string repository, Digest digest, CancellationToken cancellationToken = default);
}
