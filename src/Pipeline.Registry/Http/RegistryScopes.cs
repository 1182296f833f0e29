using System.Text.RegularExpressions;

namespace Pipeline.Registry.Http;

/// <summary>
/// The token scope a request needs, derived the way the registry derives it (distribution
/// registry/handlers/app.go: GET/HEAD → pull, POST/PUT/PATCH → pull,push, DELETE → delete), so a cached token
/// is sent before the registry has to challenge again.
/// </summary>
internal static partial class RegistryScopes
{
    public const string Catalog = "registry:catalog:*";

    [GeneratedRegex("^/v2/(?<name>.+?)/(?:manifests|blobs|tags)/", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPath();

    public static string? For(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath;
        if (path is null)
        {
            return null;
        }

        if (path.StartsWith("/v2/_catalog", StringComparison.Ordinal))
        {
            return Catalog;
        }

        var match = RepositoryPath().Match(path);
        if (!match.Success)
        {
            return null;
        }

        var actions = request.Method.Method switch
        {
            "GET" or "HEAD" => "pull",
            "DELETE" => "delete",
            _ => "pull,push",
        };
        return $"repository:{match.Groups["name"].Value}:{actions}";
    }
}
