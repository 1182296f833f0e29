using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Pipeline.Registry.Http;

/// <summary>
/// <see cref="IBlobOperations"/> over <c>/v2/&lt;name&gt;/blobs/</c> (distribution spec, "Pulling blobs",
/// "Checking if content exists in the registry", "Pushing a blob monolithically" (POST then PUT),
/// "Mounting a blob from another repository", "Canceling an upload").
/// </summary>
internal sealed class BlobOperations : IBlobOperations
{
    private const int ChunkSize = 1 << 16;

    // A 5xx is the registry's trouble (a restarting backend, a full disk being cleaned): worth another attempt.
    private static readonly HttpStatusCode[] ServerErrors = [.. Enumerable.Range(500, 100).Select(code => (HttpStatusCode)code)];

    private readonly RegistryConnection _connection;
    private readonly ILogger _logger;

    public BlobOperations(RegistryConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
    }

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
        using var buffer = new MemoryStream();
        await DownloadAsync(repository, digest, buffer, progress: null, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public async Task DownloadAsync(string repository, Digest digest, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var algorithm = HashAlgorithmOf(digest);
        var operation = new RegistryOperation(RegistryResource.Blob, "read the blob", repository, digest.ToString());
        using var stall = new StallWatch(_connection.Options.StallTimeout, _connection.Time);
        using var response = await _connection.SendTransferAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Get, BlobUri(baseUri, repository, digest)),
            operation,
            stall,
            cancellationToken);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(reading.Token);
            long received = 0;
            int read;
            var source = response.RequestMessage?.RequestUri ?? new Uri($"http://{_connection.Registry}/");
            while ((read = await ReadChunkAsync(body, buffer, source, operation, stall, reading.Token, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                received += read;
                progress?.Report(received);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var computed = Digest.Parse($"{digest.Algorithm}:{Convert.ToHexStringLower(hash.GetHashAndReset())}");
        if (computed != digest)
        {
            throw new RegistryException(
                RegistryFailureKind.InvalidContent,
                _connection.Registry,
                $"the blob {operation.Target(_connection.Registry)} does not hash to its digest (it hashes to {computed}): the registry or a proxy altered it");
        }
    }

    public Task UploadAsync(string repository, Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var blob = BlobContent.FromBytes(content);
        if (blob.Digest != digest)
        {
            throw new ArgumentException($"the blob's bytes hash to {blob.Digest}, not to the digest {digest} given for them: pass the digest of these bytes", nameof(digest));
        }

        return UploadAsync(repository, blob, progress: null, cancellationToken);
    }

    public async Task UploadAsync(string repository, BlobContent blob, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentNullException.ThrowIfNull(blob);
        if (await ExistsAsync(repository, blob.Digest, cancellationToken))
        {
            return;
        }

        var operation = new RegistryOperation(RegistryResource.BlobUpload, "upload the blob", repository, blob.Digest.ToString());
        var options = _connection.Options;
        var delay = options.BlobRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryUploadAsync(repository, blob, operation, progress, cancellationToken);
            if (failure is null)
            {
                return;
            }

            if (attempt == options.BlobUploadAttempts)
            {
                throw attempt == 1 ? failure : RegistryErrors.GaveUp(options.Inputs, failure, attempt);
            }

            _logger.LogWarning("Attempt {Attempt} of {Attempts} failed, trying again: {Problem}", attempt, options.BlobUploadAttempts, failure.Problem);
            await Task.Delay(delay, _connection.Time, cancellationToken);
            delay *= 2;
        }
    }

    public async Task<bool> MountAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentException.ThrowIfNullOrEmpty(fromRepository);
        if (fromRepository == repository)
        {
            return await ExistsAsync(repository, digest, cancellationToken);
        }

        var operation = new RegistryOperation(RegistryResource.BlobUpload, $"mount from {fromRepository} the blob", repository, digest.ToString());
        HttpResponseMessage response;
        try
        {
            response = await _connection.SendAsync(
                baseUri => new HttpRequestMessage(HttpMethod.Post, MountUri(baseUri, repository, digest, fromRepository)) { Content = new ByteArrayContent([]) },
                operation,
                cancellationToken);
        }
        catch (RegistryException denied) when (denied.Kind == RegistryFailureKind.Denied)
        {
            // No pull on the source (or no push on the target): the caller uploads instead, and an upload names a real refusal.
            _logger.LogDebug("Mounting {Digest} from {From} into {Repository} was refused: {Problem}", digest, fromRepository, repository, denied.Problem);
            return false;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return true;
            }

            // 202: the source lacks the blob, so the registry started an ordinary upload instead; drop it.
            if (response.Headers.Location is { } location)
            {
                await CancelUploadAsync(repository, location, cancellationToken);
            }

            return false;
        }
    }

    public async Task ProbeUploadAsync(string repository, CancellationToken cancellationToken = default)
    {
        var operation = new RegistryOperation(RegistryResource.BlobUpload, "push to", repository);
        Uri? location;
        using (var started = await _connection.SendAsync(
            baseUri => new HttpRequestMessage(HttpMethod.Post, UploadsUri(baseUri, repository)) { Content = new ByteArrayContent([]) },
            operation,
            cancellationToken))
        {
            location = started.Headers.Location;
        }

        if (location is null)
        {
            return;
        }

        // Push access is proven by now: a token registry that wants a delete scope for the cancel and refuses it
        // purges the abandoned upload itself later, which is no reason to report push as denied.
        await CancelUploadAsync(repository, location, cancellationToken);
    }

    // One attempt: a fresh POST, then the whole blob in one streamed PUT. Null on success; the failure when another
    // attempt may succeed (dropped connection, stall, 5xx); throws refusals, which another attempt would not change.
    private async Task<RegistryException?> TryUploadAsync(string repository, BlobContent blob, RegistryOperation operation, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        Uri? location = null;
        try
        {
            using (var started = await _connection.SendAsync(
                baseUri => new HttpRequestMessage(HttpMethod.Post, UploadsUri(baseUri, repository)) { Content = new ByteArrayContent([]) },
                operation,
                cancellationToken,
                ServerErrors))
            {
                if (!started.IsSuccessStatusCode)
                {
                    return await FailureOfAsync(operation, started, cancellationToken);
                }

                location = started.Headers.Location
                    ?? throw new RegistryException(
                        RegistryFailureKind.Unexpected,
                        _connection.Registry,
                        $"the registry {_connection.Registry} started an upload to {repository} without a Location header: it does not follow the distribution spec");
            }

            using var stall = new StallWatch(_connection.Options.StallTimeout, _connection.Time);
            var target = location;
            using var finished = await _connection.SendTransferAsync(
                baseUri => new HttpRequestMessage(HttpMethod.Put, WithDigest(target.IsAbsoluteUri ? target : new Uri(baseUri, target), blob.Digest))
                {
                    Content = new BlobUploadContent(blob, stall, progress),
                },
                operation,
                stall,
                cancellationToken,
                ServerErrors);
            if (!finished.IsSuccessStatusCode)
            {
                var failure = await FailureOfAsync(operation, finished, cancellationToken);
                await CancelUploadAsync(repository, location, cancellationToken);
                return failure;
            }

            return null;
        }
        catch (RegistryException failure) when (failure.Kind is RegistryFailureKind.Unreachable or RegistryFailureKind.TransferStalled)
        {
            if (location is not null)
            {
                await CancelUploadAsync(repository, location, cancellationToken);
            }

            return failure;
        }
    }

    private Task<RegistryException> FailureOfAsync(RegistryOperation operation, HttpResponseMessage response, CancellationToken cancellationToken) =>
        RegistryErrors.FromResponseAsync(_connection.Registry, _connection.Options.Inputs, _connection.Credentials, operation, response, cancellationToken);

    // Distribution spec "Canceling an upload": best effort, so an abandoned upload does not wait for the registry's
    // purge. A registry that already forgot it answers 404; one that is down is the failure already being reported.
    private async Task CancelUploadAsync(string repository, Uri location, CancellationToken cancellationToken)
    {
        try
        {
            using var cancelled = await _connection.SendAsync(
                baseUri => new HttpRequestMessage(HttpMethod.Delete, location.IsAbsoluteUri ? location : new Uri(baseUri, location)),
                new RegistryOperation(RegistryResource.BlobUpload, "cancel the upload to", repository),
                cancellationToken,
                HttpStatusCode.NotFound,
                HttpStatusCode.Unauthorized,
                HttpStatusCode.Forbidden);
        }
        catch (RegistryException failure)
        {
            _logger.LogDebug("Could not cancel the upload {Location}: {Problem}", location, failure.Problem);
        }
    }

    private async Task<int> ReadChunkAsync(Stream body, byte[] buffer, Uri source, RegistryOperation operation, StallWatch stall, CancellationToken readToken, CancellationToken cancellationToken)
    {
        try
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), readToken);
            stall.Progressed();
            return read;
        }
        catch (OperationCanceledException exception) when (stall.HasStalled && !cancellationToken.IsCancellationRequested)
        {
            throw RegistryErrors.Stalled(_connection.Registry, _connection.Options.Inputs, operation, stall.Limit, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw RegistryErrors.Unreachable(_connection.Registry, _connection.Options.Inputs, source, exception);
        }
    }

    private static HashAlgorithmName HashAlgorithmOf(Digest digest) => digest.Algorithm switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha512" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentException($"the digest {digest} uses {digest.Algorithm ?? "no algorithm"}, which the client cannot verify: use a sha256 or sha512 digest", nameof(digest)),
    };

    // The Location is used exactly as the registry sent it (scheme, host, port, escaped query), only extended.
    private static Uri WithDigest(Uri location, Digest digest)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri($"{location.AbsoluteUri}{separator}digest={Uri.EscapeDataString(digest.ToString())}");
    }

    private static Uri UploadsUri(Uri baseUri, string repository) => new(baseUri, $"v2/{repository}/blobs/uploads/");

    private static Uri MountUri(Uri baseUri, string repository, Digest digest, string fromRepository) =>
        new(baseUri, $"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}");

    private static Uri BlobUri(Uri baseUri, string repository, Digest digest) => new(baseUri, $"v2/{repository}/blobs/{digest}");
}
