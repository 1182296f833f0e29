using Pipeline.Registry.Globs;

namespace Pipeline.Manifests;

/// <summary>
/// Matches image names to docker config keys the way the kubelet's credential keyring does
/// (kubernetes pkg/credentialprovider/keyring.go): a key may carry a scheme and a <c>/v1/</c> or <c>/v2/</c>
/// suffix, host labels may be globs (<c>*.example.com</c>), ports must be equal, a key's path must prefix the
/// image path, and more specific keys win. Docker Hub images fall back to an <c>index.docker.io</c> key.
/// </summary>
internal sealed class KubeletKeyring<T>
{
    private const string DockerHubKey = "index.docker.io";
    private readonly Dictionary<string, List<T>> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _index;

    public KubeletKeyring(IEnumerable<KeyValuePair<string, T>> entries)
    {
        foreach (var (server, entry) in entries)
        {
            var key = NormaliseKey(server);
            if (!_entries.TryGetValue(key, out var list))
            {
                _entries[key] = list = [];
            }

            list.Add(entry);
        }

        // Reverse ordinal order puts 'host/team' before 'host', so the most specific key is tried first.
        _index = [.. _entries.Keys.OrderByDescending(key => key, StringComparer.Ordinal)];
    }

    /// <summary>The entries for <paramref name="image"/> (<c>host[:port]/repository</c>), best match first.</summary>
    public IReadOnlyList<T> Lookup(string image)
    {
        var matches = _index.Where(key => UrlsMatch(key, image)).SelectMany(key => _entries[key]).ToList();
        if (matches.Count == 0 && IsDockerHubImage(image) && _entries.TryGetValue(DockerHubKey, out var hub))
        {
            matches.AddRange(hub);
        }

        return matches;
    }

    /// <summary>The key the kubelet indexes a server under: scheme dropped, <c>/v1/</c> or <c>/v2/</c> meaning the host.</summary>
    internal static string NormaliseKey(string server)
    {
        var (host, path) = SplitSchemeless(StripScheme(server));
        if (path.StartsWith("/v2/", StringComparison.Ordinal) || path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        return path.Length > 0 && path != "/" ? host + path : host;
    }

    private static string StripScheme(string server)
    {
        foreach (var scheme in (string[])["https://", "http://"])
        {
            if (server.StartsWith(scheme, StringComparison.Ordinal))
            {
                return server[scheme.Length..];
            }
        }

        return server;
    }

    private static (string Host, string Path) SplitSchemeless(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (value, string.Empty) : (value[..slash], value[slash..]);
    }

    private static bool UrlsMatch(string glob, string target)
    {
        var (globHost, globPath) = SplitSchemeless(glob);
        var (targetHost, targetPath) = SplitSchemeless(target);
        var (globName, globPort) = SplitHostPort(globHost);
        var (targetName, targetPort) = SplitHostPort(targetHost);
        var globParts = globName.Split('.');
        var targetParts = targetName.Split('.');
        return globPort == targetPort
            && globParts.Length == targetParts.Length
            && targetPath.StartsWith(globPath, StringComparison.Ordinal)
            && globParts.Zip(targetParts).All(pair => GlobMatch(pair.First, pair.Second));
    }

    // Go's net.SplitHostPort, falling back to (whole host, no port) when it would fail, as the kubelet does.
    private static (string Host, string Port) SplitHostPort(string hostPort)
    {
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && close + 1 < hostPort.Length && hostPort[close + 1] == ':'
                ? (hostPort[1..close], hostPort[(close + 2)..])
                : (hostPort, string.Empty);
        }

        var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == hostPort.LastIndexOf(':')
            ? (hostPort[..colon], hostPort[(colon + 1)..])
            : (hostPort, string.Empty);
    }

    // Go's filepath.Match for one host label: '*' any run, '?' one character, '[…]' a class; a bad pattern never matches.
    private static bool GlobMatch(string pattern, string value) =>
        GlobPattern.Compile(pattern, GlobDialect.FilepathMatch)?.IsMatch(value) ?? false;

    // The kubelet's isDefaultRegistryMatch: no domain in the first component means Docker Hub.
    private static bool IsDockerHubImage(string image)
    {
        var parts = image.Split('/', 2);
        if (parts[0].Length == 0)
        {
            return false;
        }

        return parts.Length == 1
            || parts[0] is "docker.io" or "index.docker.io"
            || parts[0].IndexOfAny(['.', ':']) < 0;
    }
}
