namespace Pipeline.Registry.Credentials;

/// <summary>
/// How Docker matches registries to docker config keys: <c>https://host:port</c>, <c>http://host:port/v2/</c> and
/// <c>host:port</c> all name <c>host:port</c>; Docker Hub is stored as <c>https://index.docker.io/v1/</c>.
/// </summary>
internal static class DockerConfigKeys
{
    /// <summary>The key and helper server URL Docker uses for Docker Hub.</summary>
    public const string DockerHubServerUrl = "https://index.docker.io/v1/";

    private static readonly HashSet<string> DockerHubAliases =
        new(["docker.io", "index.docker.io", "registry-1.docker.io"], StringComparer.Ordinal);

    /// <summary>True when the config key <paramref name="key"/> names <paramref name="registry"/>.</summary>
    public static bool Matches(string key, RegistryHost registry) => Normalise(key) == Normalise(registry.Value);

    /// <summary>The server URL a credential helper is asked about, as Docker asks it.</summary>
    public static string ServerUrl(RegistryHost registry) => registry.IsDockerHub ? DockerHubServerUrl : registry.Value;

    private static string Normalise(string key)
    {
        var host = key.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        host = host.ToLowerInvariant();
        return DockerHubAliases.Contains(host) ? "docker.io" : host;
    }
}
