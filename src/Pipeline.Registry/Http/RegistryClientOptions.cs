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

    /// <summary>How long one request may take in total.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What the failures' fixes call the caller's inputs (the CLI's flags, a Cake script's arguments).</summary>
    public StageInputNames Inputs { get; init; } = StageInputNames.Neutral;
}
