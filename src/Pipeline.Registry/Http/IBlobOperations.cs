namespace Pipeline.Registry.Http;

/// <summary>Blobs (layers and image configs) of one registry (distribution spec "Pulling blobs", "Pushing blobs").</summary>
public interface IBlobOperations
{
    /// <summary>HEAD a blob: true when the repository holds it.</summary>
    Task<bool> ExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>GET a blob's bytes, verified against <paramref name="digest"/>. Meant for small blobs such as image configs.</summary>
    Task<ReadOnlyMemory<byte>> GetAsync(string repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>
    /// GET a blob into <paramref name="destination"/>, hashing it while it streams; throws
    /// <see cref="RegistryFailureKind.InvalidContent"/> when the bytes do not hash to <paramref name="digest"/> (the
    /// caller then discards what was written; <see cref="BlobFileCache"/> does) and
    /// <see cref="RegistryFailureKind.TransferStalled"/> when no byte arrives for the stall timeout.
    /// <paramref name="progress"/> gets the bytes received so far.
    /// </summary>
    Task DownloadAsync(string repository, Digest digest, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads bytes already in memory; the same as <see cref="UploadAsync(string, BlobContent, IProgress{long}?, CancellationToken)"/> with <see cref="BlobContent.FromBytes"/>.</summary>
    Task UploadAsync(string repository, Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a blob unless the repository has it (HEAD first): a POST, then the whole blob streamed in one PUT
    /// with its Content-Length (a "monolithic upload"; chunked PATCHes are many times slower). No whole-request
    /// timeout: a transfer that moves no byte for <see cref="RegistryClientOptions.StallTimeout"/> fails as
    /// <see cref="RegistryFailureKind.TransferStalled"/>. A dropped connection, a stall or a 5xx is retried with a
    /// fresh upload up to <see cref="RegistryClientOptions.BlobUploadAttempts"/> times; refusals (4xx) never are.
    /// <paramref name="progress"/> gets the bytes of the current attempt sent so far (from 0 again on a retry).
    /// </summary>
    Task UploadAsync(string repository, BlobContent blob, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cross-repository mount (distribution spec "Mounting a blob from another repository"): true when the registry
    /// linked <paramref name="digest"/> from <paramref name="fromRepository"/> into <paramref name="repository"/>
    /// without any upload; false when it could not (the source lacks the blob, or the credentials may not pull it),
    /// after cancelling the upload the registry started instead. The caller then uploads.
    /// </summary>
    Task<bool> MountAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken = default);

    /// <summary>
    /// Proves push access to <paramref name="repository"/> without storing anything: starts an upload and cancels it
    /// at once. Throws the named refusal (<see cref="RegistryFailureKind.Denied"/>, <see cref="RegistryFailureKind.Unauthorized"/>, …).
    /// Token registries may want delete rights for the cancel: ask them with <see cref="RegistryClient.GetGrantedActionsAsync"/> instead.
    /// </summary>
    Task ProbeUploadAsync(string repository, CancellationToken cancellationToken = default);
}
