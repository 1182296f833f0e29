using System.Globalization;
using System.Text.Json;

namespace Pipeline.Registry.Http;

/// <summary>
/// <see cref="IRepositoryListing"/> over <c>/v2/_catalog</c> and <c>/v2/&lt;name&gt;/tags/list</c> (distribution
/// spec "Listing Repositories" / "Listing Image Tags"), following <c>Link: &lt;…&gt;; rel="next"</c> pages.
/// A page on another origin is fetched without credentials (the connection's auth handler sees to that); a page
/// the registry already sent ends the listing with an error instead of a loop.
/// </summary>
internal sealed class RepositoryListing : IRepositoryListing
{
    private readonly RegistryConnection _connection;

    public RepositoryListing(RegistryConnection connection) => _connection = connection;

    public Task<IReadOnlyList<string>> ListRepositoriesAsync(int pageSize = 100, CancellationToken cancellationToken = default) =>
        ListAsync("v2/_catalog", "repositories", pageSize, new RegistryOperation(RegistryResource.Catalog, "list the repositories of"), cancellationToken);

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, int pageSize = 100, CancellationToken cancellationToken = default) =>
        ListAsync($"v2/{repository}/tags/list", "tags", pageSize, new RegistryOperation(RegistryResource.Tags, "list the tags of", repository), cancellationToken);

    private async Task<IReadOnlyList<string>> ListAsync(string path, string property, int pageSize, RegistryOperation operation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var items = new List<string>();
        var baseUri = (await _connection.GetEndpointAsync(cancellationToken)).BaseUri;
        var visited = new HashSet<Uri>();
        Uri? next = new(baseUri, $"{path}?n={pageSize.ToString(CultureInfo.InvariantCulture)}");
        while (next is not null)
        {
            var page = next;
            if (!visited.Add(page))
            {
                throw new RegistryException(
                    RegistryFailureKind.Unexpected,
                    _connection.Registry,
                    $"to {operation.Verb} {operation.Target(_connection.Registry)}, {_connection.Registry} links back to the page {page.PathAndQuery} it already sent (a Link header that repeats): the listing would never end; report it to the registry's maintainers");
            }

            using var response = await _connection.SendAsync(
                _ => new HttpRequestMessage(HttpMethod.Get, page),
                operation,
                cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using (var document = JsonDocument.Parse(body))
            {
                if (document.RootElement.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    items.AddRange(array.EnumerateArray().Select(item => item.GetString()).OfType<string>());
                }
            }

            next = NextPage(response) is { } link ? new Uri(baseUri, link) : null;
        }

        return items;
    }

    /// <summary>The target of <c>rel="next"</c> (RFC 8288), relative to the API root.</summary>
    private static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(value => value.Split(',')))
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close <= open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var target = link[(open + 1)..close];
            return target.StartsWith('/') ? target[1..] : target;
        }

        return null;
    }
}
