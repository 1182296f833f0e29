using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Pipeline.Registry.Http;

/// <summary>
/// The HTTP plumbing shared by the operation classes: finds the API root once (distribution spec
/// "API Version Check": <c>GET /v2/</c>), sends requests through the auth chain and turns failures into named
/// <see cref="RegistryException"/>s.
/// </summary>
internal sealed class RegistryConnection : IDisposable
{
    private const string ApiVersionHeader = "Docker-Distribution-Api-Version";

    private readonly RegistryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpMessageHandler _transport;
    private readonly HttpClient _client;
    private readonly RegistryAuthenticationHandler _authentication;
    private readonly TlsTrust? _tlsTrust;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _endpointLock = new(1, 1);
    private RegistryEndpoint? _endpoint;

    public RegistryConnection(
        RegistryHost registry,
        RegistryCredentials credentials,
        RegistryClientOptions options,
        HttpMessageHandler? transport,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlobUploadAttempts, 1, nameof(options.BlobUploadAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StallTimeout, TimeSpan.Zero, nameof(options.StallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlobRetryDelay, TimeSpan.Zero, nameof(options.BlobRetryDelay));
        Registry = registry;
        Credentials = credentials;
        _options = options;
        _time = time;
        _logger = logger;
        if (transport is null)
        {
            _tlsTrust = new TlsTrust(options.CaCertificatePath, registry);
            _transport = new SocketsHttpHandler
            {
                ConnectTimeout = options.ConnectTimeout,
                AllowAutoRedirect = true,
                SslOptions = { RemoteCertificateValidationCallback = _tlsTrust.Validate },
            };
        }
        else
        {
            _transport = new BorrowedHandler(transport);
        }

        _authentication = new RegistryAuthenticationHandler(registry, credentials, options.Inputs, time, _transport);
        // No client-wide timeout: it would bound blob transfers too (the SDK's fixed 100 s killed large layers).
        // Other requests get RequestTimeout each; blob transfers a StallWatch.
        _client = new HttpClient(_authentication, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Pipeline", "1.0"));
    }

    public RegistryHost Registry { get; }

    public RegistryCredentials Credentials { get; }

    public RegistryClientOptions Options => _options;

    public TimeProvider Time => _time;

    /// <summary>The API root, discovered by the first call (HTTPS first, plain HTTP for loopback).</summary>
    public async Task<RegistryEndpoint> GetEndpointAsync(CancellationToken cancellationToken)
    {
        if (_endpoint is { } known)
        {
            return known;
        }

        await _endpointLock.WaitAsync(cancellationToken);
        try
        {
            return _endpoint ??= await DiscoverAsync(cancellationToken);
        }
        finally
        {
            _endpointLock.Release();
        }
    }

    /// <summary>
    /// Sends a request built against the API root within <see cref="RegistryClientOptions.RequestTimeout"/>; an
    /// unsuccessful status not in <paramref name="accepted"/> becomes a named failure. The caller disposes the response.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        Func<Uri, HttpRequestMessage> createRequest,
        RegistryOperation operation,
        CancellationToken cancellationToken,
        params HttpStatusCode[] accepted) =>
        SendCoreAsync(createRequest, operation, stall: null, HttpCompletionOption.ResponseContentRead, accepted, cancellationToken);

    /// <summary>
    /// Sends a blob transfer: no whole-request limit, but <paramref name="stall"/> cancels it when no byte moves
    /// for its limit (<see cref="RegistryFailureKind.TransferStalled"/>). The response body is left unread for streaming.
    /// </summary>
    public Task<HttpResponseMessage> SendTransferAsync(
        Func<Uri, HttpRequestMessage> createRequest,
        RegistryOperation operation,
        StallWatch stall,
        CancellationToken cancellationToken,
        params HttpStatusCode[] accepted) =>
        SendCoreAsync(createRequest, operation, stall, HttpCompletionOption.ResponseHeadersRead, accepted, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(
        Func<Uri, HttpRequestMessage> createRequest,
        RegistryOperation operation,
        StallWatch? stall,
        HttpCompletionOption completion,
        HttpStatusCode[] accepted,
        CancellationToken cancellationToken)
    {
        var endpoint = await GetEndpointAsync(cancellationToken);
        using var request = createRequest(endpoint.BaseUri);
        using var deadline = stall is null ? new CancellationTokenSource(_options.RequestTimeout, _time) : null;
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall?.Token ?? deadline!.Token);
        HttpResponseMessage response;
        try
        {
            response = await SendRawAsync(request, completion, limited.Token, cancellationToken);
        }
        catch (RegistryException exception) when (stall is { HasStalled: true } && !cancellationToken.IsCancellationRequested)
        {
            throw RegistryErrors.Stalled(Registry, _options.Inputs, operation, stall.Limit, exception);
        }

        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized && !_authentication.IsRegistryOrigin(request.RequestUri))
            {
                throw RegistryErrors.ForeignOrigin(Registry, _options.Inputs, operation, request.RequestUri!);
            }

            throw await RegistryErrors.FromResponseAsync(Registry, _options.Inputs, Credentials, operation, response, cancellationToken);
        }
    }

    /// <summary>What a token registry grants on <paramref name="repository"/>; null for Basic, open, or opaque-token registries.</summary>
    public async Task<IReadOnlySet<string>?> GrantedActionsAsync(string repository, CancellationToken cancellationToken)
    {
        await GetEndpointAsync(cancellationToken);
        return await _authentication.GrantedActionsAsync(repository, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _endpointLock.Dispose();
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        return await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, limited.Token, cancellationToken);
    }

    // sendToken may carry a deadline or a stall watch; callerToken tells the caller's own cancellation from those.
    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken sendToken, CancellationToken callerToken)
    {
        try
        {
            var response = await _client.SendAsync(request, completion, sendToken);
            _logger.LogDebug("{Method} {Uri} → {Status}", request.Method, request.RequestUri, (int)response.StatusCode);
            return response;
        }
        catch (Exception exception) when (SourceChanged(exception) is { } changed)
        {
            throw changed;
        }
        catch (Exception exception) when (IsTransportFailure(exception, callerToken))
        {
            if (_tlsTrust?.LastRejection is { } rejection)
            {
                throw RegistryErrors.CertificateRejected(Registry, _options.Inputs, rejection, exception);
            }

            throw RegistryErrors.Unreachable(Registry, _options.Inputs, request.RequestUri!, exception);
        }
    }

    // A blob source that changed under the upload is the caller's mistake, not the network's.
    private static BlobSourceChangedException? SourceChanged(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BlobSourceChangedException changed)
            {
                return changed;
            }
        }

        return null;
    }

    private async Task<RegistryEndpoint> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (_options.Scheme == RegistryScheme.Http)
        {
            return await PingAsync(Uri.UriSchemeHttp, cancellationToken);
        }

        try
        {
            return await PingAsync(Uri.UriSchemeHttps, cancellationToken);
        }
        catch (RegistryException exception) when (exception.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } tlsFailure
            && _tlsTrust?.LastRejection is null)
        {
            // The TLS handshake failed without a certificate to judge: is it plain HTTP on that port?
            if (_options.Scheme == RegistryScheme.Auto && Registry.IsLoopback)
            {
                _logger.LogDebug("{Registry} does not speak TLS; using plain HTTP as Docker does for loopback registries", Registry);
                return await PingAsync(Uri.UriSchemeHttp, cancellationToken);
            }

            if (await AnswersPlainHttpAsync(cancellationToken))
            {
                throw RegistryErrors.HttpResponseToHttpsClient(Registry, _options.Inputs, tlsFailure);
            }

            throw new RegistryException(
                RegistryFailureKind.Unexpected,
                Registry,
                $"the TLS handshake with {Registry} failed ({tlsFailure.InnerException?.Message ?? tlsFailure.Message}): check that the port serves HTTPS",
                tlsFailure);
        }
    }

    private async Task<RegistryEndpoint> PingAsync(string scheme, CancellationToken cancellationToken)
    {
        var baseUri = new Uri($"{scheme}://{Registry.ApiAuthority}/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "v2/"));
        using var response = await SendRawAsync(request, cancellationToken);
        // The auth handler may already have answered the challenge; it remembers what the registry asked for.
        var challenge = AuthChallenge.FromResponse(response) ?? _authentication.LastChallenge;
        var speaksRegistryApi = response.Headers.Contains(ApiVersionHeader)
            || (response.StatusCode == HttpStatusCode.Unauthorized && challenge is not null);
        if (!speaksRegistryApi)
        {
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new RegistryException(
                RegistryFailureKind.NotARegistry,
                Registry,
                $"{baseUri}v2/ answered {(int)response.StatusCode} ({contentType}) without the registry API header {ApiVersionHeader}: this is not a Docker registry endpoint (a web UI port?); use the registry's Docker connector port");
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized && request.Headers.Authorization is not null)
        {
            throw RegistryErrors.Unauthenticated(Registry, _options.Inputs, Credentials, "GET /v2/ answered 401");
        }

        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Unauthorized)
        {
            throw await RegistryErrors.FromResponseAsync(Registry, _options.Inputs, Credentials, new RegistryOperation(RegistryResource.Ping, "ping"), response, cancellationToken);
        }

        _logger.LogDebug("{Registry} serves the registry API at {BaseUri}", Registry, baseUri);
        _authentication.BindTo(baseUri);
        return new RegistryEndpoint(baseUri, challenge?.Scheme, challenge?.Realm);
    }

    private async Task<bool> AnswersPlainHttpAsync(CancellationToken cancellationToken)
    {
        using var invoker = new HttpMessageInvoker(_transport, disposeHandler: false);
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{Registry.ApiAuthority}/v2/"));
        try
        {
            using var response = await invoker.SendAsync(probe, cancellationToken);
            return true;
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return false;
        }
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
