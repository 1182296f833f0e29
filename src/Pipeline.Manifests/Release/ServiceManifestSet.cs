namespace Pipeline.Manifests;

/// <summary>One service's rendered objects in a release across services.</summary>
/// <param name="Service">The service's name (its artifact), which log lines and results are keyed by.</param>
/// <param name="Manifests">Its objects; in <see cref="ReleaseManifests.Services"/>, without the shared Namespaces and pull Secrets.</param>
public sealed record ServiceManifestSet(DnsLabel Service, ManifestSet Manifests);
