using System.Globalization;
using System.Text;

namespace Pipeline.Registry.Local;

/// <summary>
/// A configuration file for the distribution registry 2.x (<c>docker-registry serve config.yml</c>): listen
/// address, filesystem storage, deletes, and optionally htpasswd or token auth, TLS, or pull-through proxy.
/// </summary>
public sealed record RegistryServerConfiguration
{
    /// <summary>The listen address, e.g. <c>127.0.0.1:5000</c>.</summary>
    public required string ListenAddress { get; init; }

    /// <summary>Where the registry keeps blobs and manifests.</summary>
    public required string StorageDirectory { get; init; }

    /// <summary>Allow <c>DELETE</c> of manifests (<c>storage.delete.enabled</c>).</summary>
    public bool DeleteEnabled { get; init; } = true;

    /// <summary>
    /// Purge uploads abandoned for a week, checked daily (the registry's own defaults). Off unless set, so a short-lived
    /// registry does no background work; a long-running one should turn it on or its storage fills with stale uploads.
    /// </summary>
    public bool PurgeAbandonedUploads { get; init; }

    /// <summary>An htpasswd file for Basic auth, or null.</summary>
    public string? HtpasswdPath { get; init; }

    /// <summary>Token auth settings, or null.</summary>
    public RegistryTokenAuthSettings? TokenAuth { get; init; }

    /// <summary>PEM certificate (chain) to serve TLS with, or null for plain HTTP.</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>PEM private key matching <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsKeyPath { get; init; }

    /// <summary>Run as a pull-through cache of this upstream registry, or null.</summary>
    public Uri? ProxyRemoteUrl { get; init; }

    /// <summary>The registry's own log level (error, warn, info, debug).</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>The configuration as YAML the registry reads.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("version: 0.1");
        yaml.AppendLine("log:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  level: {LogLevel}");
        yaml.AppendLine("  accesslog:");
        yaml.AppendLine("    disabled: true");
        yaml.AppendLine("storage:");
        yaml.AppendLine("  filesystem:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    rootdirectory: {Quote(StorageDirectory)}");
        yaml.AppendLine("  delete:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    enabled: {(DeleteEnabled ? "true" : "false")}");
        yaml.AppendLine("  maintenance:");
        yaml.AppendLine("    uploadpurging:");
        if (PurgeAbandonedUploads)
        {
            // The registry refuses a purge section without age and interval, so all four keys are written.
            yaml.AppendLine("      enabled: true");
            yaml.AppendLine("      age: 168h");
            yaml.AppendLine("      interval: 24h");
            yaml.AppendLine("      dryrun: false");
        }
        else
        {
            yaml.AppendLine("      enabled: false");
        }
        yaml.AppendLine("http:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  addr: {Quote(ListenAddress)}");
        if (TlsCertificatePath is not null)
        {
            yaml.AppendLine("  tls:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    certificate: {Quote(TlsCertificatePath)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    key: {Quote(TlsKeyPath ?? throw new InvalidOperationException("a TLS certificate needs its key: set TlsKeyPath"))}");
        }

        if (HtpasswdPath is not null)
        {
            yaml.AppendLine("auth:");
            yaml.AppendLine("  htpasswd:");
            yaml.AppendLine("    realm: pipeline-registry");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    path: {Quote(HtpasswdPath)}");
        }
        else if (TokenAuth is { } token)
        {
            yaml.AppendLine("auth:");
            yaml.AppendLine("  token:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    realm: {Quote(token.Realm.ToString())}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    service: {Quote(token.Service)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    issuer: {Quote(token.Issuer)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    rootcertbundle: {Quote(token.RootCertificateBundlePath)}");
        }

        if (ProxyRemoteUrl is not null)
        {
            yaml.AppendLine("proxy:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  remoteurl: {Quote(ProxyRemoteUrl.ToString())}");
        }

        return yaml.ToString();
    }

    // A YAML double-quoted scalar: only backslash and quote need escaping for paths and URLs.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
