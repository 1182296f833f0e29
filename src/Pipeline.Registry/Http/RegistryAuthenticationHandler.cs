using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pipeline.Version;

namespace Pipeline.Registry.Http;

/// <summary>
/// Answers registry auth challenges (distribution spec "Token Authentication Specification" and RFC 7617 Basic):
/// on 401 it reads <c>WWW-Authenticate</c>, then retries once with Basic credentials or with a Bearer token
/// fetched from the challenge's realm. Tokens are cached per scope on this instance, so later requests are
/// authorised up front instead of being challenged again.
/// Credentials are bound to the registry's origin (<see cref="CredentialOrigin"/>): a request that a redirect,
/// an upload <c>Location</c> or a <c>Link</c> page sent to another origin carries none and gets no answer to its
/// challenge, as Docker's client does for blob storage; the token realm gets them only over HTTPS, on the
/// registry's own origin, or on loopback.
/// </summary>
internal sealed class RegistryAuthenticationHandler : DelegatingHandler
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    private readonly RegistryHost _registry;
    private readonly StageInputNames _inputs;
    private readonly RegistryCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, BearerToken> _tokens = new(StringComparer.Ordinal);
    private volatile bool _registryUsesBasic;
    private volatile AuthChallenge? _lastChallenge;
    private CredentialOrigin? _apiOrigin;

    public RegistryAuthenticationHandler(RegistryHost registry, RegistryCredentials credentials, StageInputNames inputs, TimeProvider time, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _registry = registry;
        _credentials = credentials;
        _inputs = inputs;
        _time = time;
    }

    /// <summary>The last challenge the registry sent (answered or not), for reporting how it authenticates.</summary>
    public AuthChallenge? LastChallenge => _lastChallenge;

    /// <summary>Binds the credentials to the API root found by the ping (before it, either scheme on the registry's authority).</summary>
    public void BindTo(Uri apiRoot) => _apiOrigin = CredentialOrigin.Of(apiRoot);

    /// <summary>True when <paramref name="uri"/> is on the registry's own origin, the only one its credentials go to.</summary>
    public bool IsRegistryOrigin(Uri? uri)
    {
        if (uri is not { IsAbsoluteUri: true } || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var origin = _apiOrigin ?? CredentialOrigin.Of(new Uri($"{uri.Scheme}://{_registry.ApiAuthority}/"));
        return origin.Contains(uri);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsRegistryOrigin(request.RequestUri))
        {
            // Another origin (blob storage, a hostile Link): no credentials, and no answer to its challenge.
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken);
        }

        var requestScope = RegistryScopes.For(request);
        AuthorizeUpFront(request, requestScope);
        var response = await base.SendAsync(request, cancellationToken);
        // A followed redirect leaves RequestUri at its target: a challenge from there is not the registry's.
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !IsRegistryOrigin(request.RequestUri)
            || AuthChallenge.FromResponse(response) is not { } challenge)
        {
            return response;
        }

        _lastChallenge = challenge;
        if (challenge.IsBasic)
        {
            if (_credentials.Password is null || request.Headers.Authorization?.Scheme == "Basic")
            {
                return response;
            }

            _registryUsesBasic = true;
            request.Headers.Authorization = BasicHeader();
        }
        else
        {
            if (challenge.Realm is null)
            {
                return response;
            }

            if (requestScope is not null)
            {
                _tokens.TryRemove(requestScope, out _);
            }

            var token = await FetchTokenAsync(challenge, cancellationToken);
            _tokens[ScopeKey(challenge.Scopes)] = token;
            if (requestScope is not null)
            {
                _tokens[requestScope] = token;
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        response.Dispose();
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The actions the token service grants on <paramref name="repository"/> when asked for pull and push, read
    /// from the token's <c>access</c> claim; null when the registry does not use tokens or its tokens are opaque.
    /// </summary>
    public async Task<IReadOnlySet<string>?> GrantedActionsAsync(string repository, CancellationToken cancellationToken)
    {
        if (_lastChallenge is not { IsBearer: true, Realm: not null } challenge)
        {
            return null;
        }

        var token = await FetchTokenAsync(challenge.WithScope($"repository:{repository}:pull,push"), cancellationToken);
        return TokenClaims.GrantedActions(token.Value, repository);
    }

    private void AuthorizeUpFront(HttpRequestMessage request, string? scope)
    {
        if (_registryUsesBasic && _credentials.Password is not null)
        {
            request.Headers.Authorization = BasicHeader();
        }
        else if (scope is not null && _tokens.TryGetValue(scope, out var token) && token.ExpiresAt > _time.GetUtcNow())
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
    }

    private AuthenticationHeaderValue BasicHeader() => new("Basic", _credentials.BasicParameter);

    private async Task<BearerToken> FetchTokenAsync(AuthChallenge challenge, CancellationToken cancellationToken)
    {
        var realm = new Uri(challenge.Realm!, UriKind.Absolute);
        RefuseClearTextRealm(realm);
        using var tokenRequest = _credentials.IdentityToken is not null
            ? RefreshTokenRequest(realm, challenge)
            : CredentialsTokenRequest(realm, challenge);

        HttpResponseMessage tokenResponse;
        try
        {
            tokenResponse = await base.SendAsync(tokenRequest, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RegistryException(
                RegistryFailureKind.TokenRealmUnreachable,
                _registry,
                $"{_registry} sends clients to its token service {realm.GetLeftPart(UriPartial.Path)}, which cannot be reached ({RegistryErrors.Describe(exception)})",
                RegistryFixes.For(RegistryFailureKind.TokenRealmUnreachable, _registry, _inputs),
                exception);
        }

        using (tokenResponse)
        {
            if (tokenResponse.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw RegistryErrors.Unauthenticated(_registry, _inputs, _credentials, $"the token service {realm.GetLeftPart(UriPartial.Path)} answered {(int)tokenResponse.StatusCode}");
            }

            if (!tokenResponse.IsSuccessStatusCode)
            {
                throw new RegistryException(
                    RegistryFailureKind.Unexpected,
                    _registry,
                    $"the token service {realm.GetLeftPart(UriPartial.Path)} of {_registry} answered {(int)tokenResponse.StatusCode} {tokenResponse.ReasonPhrase}: check its logs");
            }

            var body = await tokenResponse.Content.ReadAsByteArrayAsync(cancellationToken);
            return ParseToken(body, realm);
        }
    }

    // The realm gets the login: over plain HTTP only on the registry's own origin or on this machine.
    private void RefuseClearTextRealm(Uri realm)
    {
        var origin = CredentialOrigin.Of(realm);
        var sendsCredentials = _credentials.Password is not null || _credentials.IdentityToken is not null;
        if (!sendsCredentials || origin.IsHttps || origin.IsLoopback || IsRegistryOrigin(realm))
        {
            return;
        }

        throw new RegistryException(
            RegistryFailureKind.InsecureTokenRealm,
            _registry,
            $"{_registry} sends clients to its token service {realm.GetLeftPart(UriPartial.Path)} over plain HTTP on another host, where the credentials of user {_credentials.Username} would travel in clear: serve the token service over HTTPS (auth.token.realm: https://…)");
    }

    private HttpRequestMessage CredentialsTokenRequest(Uri realm, AuthChallenge challenge)
    {
        var query = new List<string>();
        if (challenge.Service is not null)
        {
            query.Add($"service={Uri.EscapeDataString(challenge.Service)}");
        }

        query.AddRange(challenge.Scopes.Select(scope => $"scope={Uri.EscapeDataString(scope)}"));
        if (_credentials.Username is not null)
        {
            query.Add($"account={Uri.EscapeDataString(_credentials.Username)}");
        }

        var builder = new UriBuilder(realm);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', new[] { existing }.Where(part => part.Length > 0).Concat(query));
        var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (_credentials.Password is not null)
        {
            request.Headers.Authorization = BasicHeader();
        }

        return request;
    }

    // OAuth2 refresh-token grant (distribution docs "oauth.md"), used when docker login stored an identity token.
    private HttpRequestMessage RefreshTokenRequest(Uri realm, AuthChallenge challenge)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("client_id", "pipeline"),
            new("refresh_token", _credentials.IdentityToken!),
        };
        if (challenge.Service is not null)
        {
            form.Add(new("service", challenge.Service));
        }

        if (challenge.Scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', challenge.Scopes)));
        }

        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private BearerToken ParseToken(byte[] body, Uri realm)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var value = root.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : root.TryGetProperty("access_token", out var accessToken) ? accessToken.GetString() : null;
            if (string.IsNullOrEmpty(value))
            {
                throw new JsonException("no token or access_token");
            }

            // The spec's default lifetime is 60 seconds when expires_in is missing.
            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(60);
            return new BearerToken(value, _time.GetUtcNow() + lifetime - ExpiryMargin);
        }
        catch (JsonException exception)
        {
            throw new RegistryException(
                RegistryFailureKind.TokenRealmUnreachable,
                _registry,
                $"the token service {realm.GetLeftPart(UriPartial.Path)} of {_registry} did not answer with a token ({exception.Message}): check that the realm URL points at the token service",
                exception);
        }
    }

    private static string ScopeKey(IReadOnlyList<string> scopes) => string.Join(' ', scopes.Order(StringComparer.Ordinal));

    private sealed record BearerToken(string Value, DateTimeOffset ExpiresAt);
}
