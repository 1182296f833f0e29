using k8s.Models;
using Pipeline.Manifests;
using Pipeline.Registry;

namespace Pipeline.RegistryHosting;

/// <summary>
/// A pull-through cache of one upstream registry (Docker Hub, ghcr.io, a company registry) running on Kubernetes,
/// and how nodes reach it. <see cref="RegistryMirrorRenderer"/> renders the cluster side and the node-side files.
/// </summary>
public sealed record RegistryMirrorSettings
{
    private const int FirstNodePort = 30000;
    private const int LastNodePort = 32767;

    /// <summary>Creates settings for a mirror of <paramref name="upstream"/> that nodes reach at <paramref name="mirrorEndpoint"/>.</summary>
    /// <param name="upstream">The upstream registry, e.g. <c>https://registry-1.docker.io</c> (or <c>https://docker.io</c>, the same).</param>
    /// <param name="mirrorEndpoint">
    /// Where container runtimes on the nodes reach the mirror, e.g. <c>http://10.0.0.5:30500</c> for a NodePort
    /// Service; the kubelet's runtime resolves names with the node's DNS, not the cluster's.
    /// </param>
    /// <param name="storage">Where cached layers are kept.</param>
    /// <exception cref="ManifestException">A URL is not http(s) or has a path, query or user info.</exception>
    public RegistryMirrorSettings(Uri upstream, Uri mirrorEndpoint, RegistryStorage storage)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(mirrorEndpoint);
        ArgumentNullException.ThrowIfNull(storage);
        UpstreamRegistry = RegistryOf(upstream, "upstream", "https://registry-1.docker.io");
        MirrorEndpoint = RootOf(mirrorEndpoint, "mirror endpoint", "http://10.0.0.5:30500");
        Upstream = UpstreamRegistry.IsDockerHub ? new Uri($"https://{UpstreamRegistry.ApiAuthority}") : RootOf(upstream, "upstream", "https://ghcr.io");
        Storage = storage;
    }

    /// <summary>The upstream's API root the mirror fetches from (<c>https://registry-1.docker.io</c> for Docker Hub).</summary>
    public Uri Upstream { get; }

    /// <summary>The upstream as images name it (<c>docker.io</c>, <c>ghcr.io</c>): the containerd host namespace.</summary>
    public RegistryHost UpstreamRegistry { get; }

    /// <summary>Where nodes reach the mirror: <c>scheme://host[:port]</c>.</summary>
    public Uri MirrorEndpoint { get; }

    /// <summary>Where cached layers are kept.</summary>
    public RegistryStorage Storage { get; init; }

    /// <summary>
    /// Credentials for the upstream (Docker Hub rate limits, private upstreams), or null for anonymous pulls. Kept
    /// in a Secret and handed to the registry as environment variables, never in the ConfigMap or the file.
    /// Registry 2.x presents them only to an upstream's token service (Docker Hub, ghcr.io, Harbor, GitLab): an
    /// upstream that asks for Basic auth directly refuses the mirror even with the right credentials.
    /// </summary>
    public RegistryCredentials? UpstreamCredentials
    {
        get;
        init => field = value is null || (!value.IsAnonymous && !string.IsNullOrEmpty(value.Password))
            ? value
            : throw new ManifestException(
                ManifestFailureKind.UnusableCredentials,
                $"the mirror's upstream credentials {value} have no user name and password: pass both, or leave UpstreamCredentials null for anonymous pulls");
    }

    /// <summary>Names the Deployment, Service and ConfigMap; <c>registry-mirror</c> unless set.</summary>
    public DnsLabel Name { get; init; } = DnsLabel.Parse("registry-mirror");

    /// <summary>The namespace everything is rendered into; <c>registry</c> unless set.</summary>
    public DnsLabel Namespace { get; init; } = DnsLabel.Parse("registry");

    /// <summary>The registry image; <c>registry:2</c> unless set.</summary>
    public ImageReference Image { get; init; } = ImageReference.Parse("registry:2");

    /// <summary>
    /// A fixed port (30000–32767) on every node for a NodePort Service, matching <see cref="MirrorEndpoint"/>'s port;
    /// null renders a ClusterIP Service for a mirror you expose yourself.
    /// </summary>
    public int? NodePort
    {
        get;
        init => field = value is null or (>= FirstNodePort and <= LastNodePort)
            ? value
            : throw new ManifestException(
                ManifestFailureKind.InvalidSetting,
                $"mirror node port {value} is outside Kubernetes' default NodePort range: use {FirstNodePort} to {LastNodePort}, or null for a ClusterIP Service");
    }

    /// <summary>Tell the runtimes not to verify the mirror's HTTPS certificate (containerd <c>skip_verify</c>); for HTTPS mirrors only.</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>A PEM CA certificate the runtimes trust for the mirror's HTTPS certificate, installed beside hosts.toml; for HTTPS mirrors only.</summary>
    public string? MirrorCaCertificatePem { get; init; }

    /// <summary>CPU and memory for the registry container; 100m / 128Mi requested, 1 CPU / 512Mi limit unless set.</summary>
    public ContainerResources Resources { get; init; } = new("100m", "128Mi", "1", "512Mi");

    /// <summary>Runs on the Deployment after it is built.</summary>
    public Action<V1Deployment>? ConfigureDeployment { get; init; }

    /// <summary>True when nodes talk plain HTTP to the mirror (Docker then needs it in <c>insecure-registries</c>).</summary>
    public bool MirrorIsPlainHttp => MirrorEndpoint.Scheme == Uri.UriSchemeHttp;

    private static RegistryHost RegistryOf(Uri url, string what, string example)
    {
        var root = RootOf(url, what, example);
        // Docker Hub's API host is not the name images use: fold both into docker.io.
        var authority = root.Authority.Equals("registry-1.docker.io", StringComparison.OrdinalIgnoreCase) ? "docker.io" : root.Authority;
        return RegistryHost.TryParse(authority, out var host)
            ? host
            : throw Invalid($"{what} '{Display(url)}' has no valid registry host: use scheme://host[:port], e.g. '{example}'");
    }

    private static Uri RootOf(Uri url, string what, string example)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid($"{what} '{Display(url)}' must be an absolute http:// or https:// URL, e.g. '{example}'");
        }

        if (url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw Invalid($"{what} '{Display(url)}' must be scheme://host[:port] without path, query or user info (credentials go in "
                + $"UpstreamCredentials), e.g. '{example}'");
        }

        return new Uri($"{url.Scheme}://{url.Authority}");
    }

    // The URL as the user wrote it, except a password in its user info, which no message may show.
    private static string Display(Uri url) => url.IsAbsoluteUri && url.UserInfo.Length > 0
        ? $"{url.Scheme}://***@{url.Authority}{url.PathAndQuery}"
        : url.OriginalString;

    private static ManifestException Invalid(string message) => new(ManifestFailureKind.InvalidSetting, message);
}
