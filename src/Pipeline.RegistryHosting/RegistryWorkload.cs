using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.RegistryHosting;

/// <summary>What a hosted registry and a mirror share when their objects are built.</summary>
internal sealed record RegistryWorkload(
    DnsLabel Name,
    DnsLabel Namespace,
    string Component,
    ImageReference Image,
    ContainerResources Resources,
    RegistryStorage Storage,
    string ConfigYaml)
{
    /// <summary>The htpasswd Secret mounted at <c>/auth</c>, or null for an open registry.</summary>
    public string? HtpasswdSecretName { get; init; }

    /// <summary>The Secret whose <c>username</c>/<c>password</c> become the proxy's upstream credentials, or null.</summary>
    public string? UpstreamSecretName { get; init; }

    /// <summary>A fixed node port for the Service, or null for a ClusterIP Service.</summary>
    public int? NodePort { get; init; }

    public string ConfigMapName => $"{Name}-config";

    public string ClaimName => $"{Name}-data";

    public SortedDictionary<string, string> Labels => new(StringComparer.Ordinal)
    {
        [ManifestLabels.Name] = Name.Value,
        [RegistryContainerLayout.ComponentLabel] = Component,
        [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
    };

    public SortedDictionary<string, string> Selector => new(StringComparer.Ordinal) { [ManifestLabels.Name] = Name.Value };
}
