using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pipeline.Registry.Http;

/// <summary>
/// <see cref="IManifestOperations"/> over <c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>
/// (distribution spec, "Pulling manifests" / "Pushing manifests" / "Deleting manifests").
/// </summary>
internal sealed class ManifestOperations : IManifestOperations
{
    private const string DigestHeader = "Docker-Content-Digest";

    private readonly RegistryConnection _connection;

    public ManifestOperations(RegistryConnection connection) => _connection = connection;

    public async Task<ManifestDescriptor?> FindAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.Manifest, "read the manifest of", repository, reference);
        using var response = await _connection.SendAsync(
            baseUri => WithAccept(new HttpRequestMessage(HttpMethod.Head, ManifestUri(baseUri, repository, reference))),
            operation,
            cancellationToken,
            HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (DigestFrom(response) is { } digest)
        {
            return new ManifestDescriptor(MediaTypeOf(response), digest, response.Content.Headers.ContentLength ?? 0);
        }

        // Some registries omit Docker-Content-Digest on HEAD: read the bytes and hash them.
        return (await GetAsync(repository, reference, cancellationToken)).Descriptor;
    }

    public async Task<RegistryManifest> GetAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.Manifest, "read the manifest of", repository, reference);
        using var response = await _connection.SendAsync(
            baseUri => WithAccept(new HttpRequestMessage(HttpMethod.Get, ManifestUri(baseUri, repository, reference))),
            operation,
            cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var computed = Digest.ComputeSha256(content);
        if (Digest.TryParse(reference, out var requested) && requested.Algorithm == "sha256" && requested != computed)
        {
            throw new RegistryException(
                RegistryFailureKind.InvalidContent,
                _connection.Registry,
                $"the manifest {operation.Target(_connection.Registry)} has digest {computed}, not the one asked for: the registry or a proxy altered it");
        }

        var digest = DigestFrom(response) ?? computed;
        return new RegistryManifest(new ManifestDescriptor(MediaTypeOf(response), digest, content.LongLength), content);
    }

    public async Task<ManifestDescriptor> PutAsync(string repository, string reference, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        RequireKnownMediaType(content, mediaType);
        var operation = new RegistryOperation(RegistryResource.Manifest, "push the manifest", repository, reference);
        using var response = await _connection.SendAsync(
            baseUri =>
            {
                var body = new ReadOnlyMemoryContent(content);
                body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return new HttpRequestMessage(HttpMethod.Put, ManifestUri(baseUri, repository, reference)) { Content = body };
            },
            operation,
            cancellationToken);
        var digest = DigestFrom(response) ?? Digest.ComputeSha256(content.Span);
        return new ManifestDescriptor(mediaType, digest, content.Length);
    }

    public async Task DeleteAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.ManifestDelete, "delete", repository, digest.ToString());
        using var response = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Delete, ManifestUri(baseUri, repository, digest.ToString())),
            operation,
            cancellationToken);
    }

    // Refused before the PUT: the registry would answer a bare 400 MANIFEST_INVALID.
    private static void RequireKnownMediaType(ReadOnlyMemory<byte> content, string mediaType)
    {
        if (!ManifestMediaTypes.All.Contains(mediaType, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"'{mediaType}' is not a manifest media type: push a manifest as one of {string.Join(", ", ManifestMediaTypes.All)}",
                nameof(mediaType));
        }

        string? declared;
        try
        {
            using var document = JsonDocument.Parse(content);
            declared = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("mediaType", out var field)
                && field.ValueKind == JsonValueKind.String
                    ? field.GetString()
                    : null;
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"the manifest is not JSON ({exception.Message}): push the manifest's exact JSON bytes", nameof(content), exception);
        }

        if (declared is not null && declared != mediaType)
        {
            throw new ArgumentException(
                $"the manifest declares mediaType '{declared}' but is pushed as '{mediaType}': push it with the media type it declares",
                nameof(mediaType));
        }
    }

    private static Uri ManifestUri(Uri baseUri, string repository, string reference) =>
        new(baseUri, $"v2/{repository}/manifests/{Uri.EscapeDataString(reference)}");

    private static HttpRequestMessage WithAccept(HttpRequestMessage request)
    {
        foreach (var mediaType in ManifestMediaTypes.All)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        return request;
    }

    private static Digest? DigestFrom(HttpResponseMessage response) =>
        response.Headers.TryGetValues(DigestHeader, out var values) && Digest.TryParse(values.FirstOrDefault(), out var digest)
            ? digest
            : null;

    private static string MediaTypeOf(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType ?? ManifestMediaTypes.DockerManifest;
}
