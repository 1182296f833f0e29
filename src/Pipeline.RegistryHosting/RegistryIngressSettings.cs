using Pipeline.Manifests;

namespace Pipeline.RegistryHosting;

/// <summary>
/// Exposes a hosted registry at <c>https://Host</c> through an ingress controller (ingress-nginx by default), with a
/// TLS certificate from <see cref="TlsSecretName"/>, issued by cert-manager when <see cref="ClusterIssuer"/> is set.
/// </summary>
public sealed record RegistryIngressSettings
{
    /// <summary>Creates ingress settings for <paramref name="host"/> (a bare DNS name, e.g. <c>registry.example.com</c>).</summary>
    /// <exception cref="ManifestException">The host is not a DNS name (a scheme, port, path, wildcard or upper case).</exception>
    public RegistryIngressSettings(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.StartsWith("*.", StringComparison.Ordinal) || !DnsSubdomain.IsValid(host) || !host.Contains('.', StringComparison.Ordinal))
        {
            throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"ingress host '{host}' is not a DNS name Docker can push to: give the bare, fully qualified, lower-case host name "
                + $"without scheme, port, path or wildcard, e.g. '{Suggest(host)}'");
        }

        Host = host;
    }

    /// <summary>The DNS name clients push to and pull from.</summary>
    public string Host { get; }

    /// <summary>The Secret holding the TLS certificate; cert-manager fills it when <see cref="ClusterIssuer"/> is set. <c>registry-tls</c> unless set.</summary>
    public DnsLabel TlsSecretName { get; init; } = DnsLabel.Parse("registry-tls");

    /// <summary>The cert-manager ClusterIssuer that issues the certificate (e.g. <c>letsencrypt-prod</c>), or null to provide the Secret yourself.</summary>
    public DnsLabel? ClusterIssuer { get; init; }

    /// <summary>The IngressClass; <c>nginx</c> unless set (its annotations are the ones rendered).</summary>
    public DnsLabel IngressClassName { get; init; } = DnsLabel.Parse("nginx");

    // Strips what people paste by habit (scheme, port, path) so the message shows the value they meant.
    private static string Suggest(string host)
    {
        var text = host.Trim().ToLowerInvariant();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        text = scheme >= 0 ? text[(scheme + 3)..] : text;
        text = text.Split('/')[0].Split(':')[0].TrimStart('*', '.');
        return DnsSubdomain.IsValid(text) && text.Contains('.', StringComparison.Ordinal) ? text : "registry.example.com";
    }
}
