using Pipeline.Version;

namespace Pipeline.Registry.Http;

/// <summary>Transport settings for a <see cref="RegistryClient"/>.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>HTTPS, plain HTTP, or HTTPS with loopback fallback (the default).</summary>
    public RegistryScheme Scheme { get; init; } = RegistryScheme.Auto;

    /// <summary>
    /// A PEM file of CA certificates to trust in addition to the system's (a self-signed registry). Validation
    /// is never switched off: the chain must end at one of these roots or a system root.
    /// </summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>How long to wait for a TCP connection before calling the registry unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one request other than a blob transfer may take in total. Blob uploads and downloads have no
    /// whole-request limit (a large layer on a slow link takes what it takes): <see cref="StallTimeout"/> bounds them.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a blob upload or download may move no byte before it fails as <see cref="RegistryFailureKind.TransferStalled"/>.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many times a blob upload is tried when the connection drops, stalls or the registry answers 5xx (a fresh
    /// upload each time); refusals (4xx) are never retried.
    /// </summary>
    public int BlobUploadAttempts { get; init; } = 3;

    /// <summary>The pause before the second attempt of a blob upload; it doubles for each further one.</summary>
    public TimeSpan BlobRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>What the failures' fixes call the caller's inputs (the CLI's flags, a Cake script's arguments).</summary>
    public StageInputNames Inputs { get; init; } = StageInputNames.Neutral;
}
