using System.Text.RegularExpressions;

namespace Pipeline.Registry.Http;

/// <summary>
/// The token scope a request needs, derived the way the registry derives it (distribution
/// registry/handlers/app.go: GET/HEAD → pull, POST/PUT/PATCH → pull,push, DELETE → delete), so a cached token
/// is sent before the registry has to challenge again. A cross-repository mount needs pull on its source too
/// (app.go appends it for <c>?mount=…&amp;from=…</c>): one token carries both, keyed as the handler keys a
/// challenge's scopes (sorted, space-separated).
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
        var scope = $"repository:{match.Groups["name"].Value}:{actions}";
        return MountSource(request) is { } source && request.Method == HttpMethod.Post
            ? string.Join(' ', new[] { scope, $"repository:{source}:pull" }.Order(StringComparer.Ordinal))
            : scope;
    }

    private static string? MountSource(HttpRequestMessage request)
    {
        var query = request.RequestUri!.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return null;
        }

        var parameters = query.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : string.Empty, StringComparer.Ordinal);
        return parameters.ContainsKey("mount") && parameters.TryGetValue("from", out var from) && from.Length > 0 ? from : null;
    }
}
