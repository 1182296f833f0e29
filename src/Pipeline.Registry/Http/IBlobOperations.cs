namespace Pipeline.Registry.Http;

/// <summary>Blobs (layers and image configs) of one registry (distribution spec "Pulling blobs", "Pushing blobs").</summary>
public interface IBlobOperations
{
    /// <summary>HEAD a blob: true when the repository holds it.</summary>
    Task<bool> ExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>GET a blob's bytes, verified against <paramref name="digest"/>. Meant for small blobs such as image configs.</summary>
    Task<ReadOnlyMemory<byte>> GetAsync(string repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>Upload a blob in one request (POST then PUT, "monolithic upload"); a no-op when it already exists.</summary>
    Task UploadAsync(string repository, Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Proves push access to <paramref name="repository"/> without storing anything: starts an upload and cancels it
    /// at once. Throws the named refusal (<see cref="RegistryFailureKind.Denied"/>, <see cref="RegistryFailureKind.Unauthorized"/>, …).
    /// Token registries may want delete rights for the cancel: ask them with <see cref="RegistryClient.GetGrantedActionsAsync"/> instead.
    /// </summary>
    Task ProbeUploadAsync(string repository, CancellationToken cancellationToken = default);
}
