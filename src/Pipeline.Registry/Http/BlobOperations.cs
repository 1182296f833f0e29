using System.Net;
using System.Net.Http.Headers;

namespace Pipeline.Registry.Http;

/// <summary>
/// <see cref="IBlobOperations"/> over <c>/v2/&lt;name&gt;/blobs/</c> (distribution spec, "Pulling blobs",
/// "Checking if content exists in the registry", "Pushing a blob monolithically" (POST then PUT)).
/// </summary>
internal sealed class BlobOperations : IBlobOperations
{
    private readonly RegistryConnection _connection;

    public BlobOperations(RegistryConnection connection) => _connection = connection;

    public async Task<bool> ExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.Blob, "check the blob", repository, digest.ToString());
        using var response = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Head, BlobUri(baseUri, repository, digest)),
            operation,
            cancellationToken,
            HttpStatusCode.NotFound);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    public async Task<ReadOnlyMemory<byte>> GetAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.Blob, "read the blob", repository, digest.ToString());
        using var response = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Get, BlobUri(baseUri, repository, digest)),
            operation,
            cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (digest.Algorithm == "sha256" && Digest.ComputeSha256(content) != digest)
        {
            throw new RegistryException(
                RegistryFailureKind.InvalidContent,
                _connection.Registry,
                $"the blob {operation.Target(_connection.Registry)} does not hash to its digest: the registry or a proxy altered it");
        }

        return content;
    }

    public async Task UploadAsync(string repository, Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        if (await ExistsAsync(repository, digest, cancellationToken))
        {
            return;
        }

        var operation = new RegistryOperation(RegistryResource.BlobUpload, "upload the blob", repository, digest.ToString());
        Uri location;
        using (var started = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"v2/{repository}/blobs/uploads/")) { Content = new ByteArrayContent([]) },
            operation,
            cancellationToken))
        {
            location = started.Headers.Location
                ?? throw new RegistryException(
                    RegistryFailureKind.Unexpected,
                    _connection.Registry,
                    $"the registry {_connection.Registry} started an upload to {repository} without a Location header: it does not follow the distribution spec");
        }

        using var finished = await _connection.SendAsync(
            baseUri =>
            {
                var target = location.IsAbsoluteUri ? location : new Uri(baseUri, location);
                var separator = string.IsNullOrEmpty(target.Query) ? "?" : "&";
                var body = new ReadOnlyMemoryContent(content);
                body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return new HttpRequestMessage(HttpMethod.Put, new Uri($"{target}{separator}digest={Uri.EscapeDataString(digest.ToString())}"))
                {
                    Content = body,
                };
            },
            operation,
            cancellationToken);
    }

    public async Task ProbeUploadAsync(string repository, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.BlobUpload, "push to", repository);
        Uri? location;
        using (var started = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"v2/{repository}/blobs/uploads/")) { Content = new ByteArrayContent([]) },
            operation,
            cancellationToken))
        {
            location = started.Headers.Location;
        }

        if (location is null)
        {
            return;
        }

        // Distribution spec "Canceling an upload": the registry drops the upload (a registry that already forgot it
        // answers 404). Push access is proven by now: a token registry that wants a delete scope for the cancel and
        // refuses it purges the abandoned upload itself later, which is no reason to report push as denied.
        using var cancelled = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Delete, location.IsAbsoluteUri ? location : new Uri(baseUri, location)),
            new RegistryOperation(RegistryResource.BlobUpload, "cancel the probe upload to", repository),
            cancellationToken,
            HttpStatusCode.NotFound,
            HttpStatusCode.Unauthorized,
            HttpStatusCode.Forbidden);
    }

    private static Uri BlobUri(Uri baseUri, string repository, Digest digest) => new(baseUri, $"v2/{repository}/blobs/{digest}");
}
