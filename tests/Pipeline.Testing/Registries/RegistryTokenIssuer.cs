using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Testing.Registries;

/// <summary>
/// A registry token service on loopback (distribution "Token Authentication Specification"): it checks Basic
/// credentials for its one user and issues an ES256 JWT with the signing certificate in the <c>x5c</c> header,
/// granting the requested scopes. Anonymous requests get a token with no access, as public token services do.
/// It also takes the OAuth2 refresh-token grant (POST), accepting the user's password as the refresh token, so
/// clients holding a docker <c>identitytoken</c> can be tested.
/// </summary>
public sealed class RegistryTokenIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _signingCertificate;
    private readonly string _service;
    private readonly string _issuer;
    private readonly string _username;
    private readonly string _password;
    private readonly HashSet<string> _grantedActions;
    private readonly ConcurrentDictionary<string, bool> _closedRepositories = new(StringComparer.Ordinal);
    private int _issuedTokens;
    private bool _stopped;
    private bool _disposed;

    private RegistryTokenIssuer(WebApplication app, X509Certificate2 signingCertificate, string service, string issuer, string username, string password, IEnumerable<string> grantedActions)
    {
        _grantedActions = new HashSet<string>(grantedActions, StringComparer.Ordinal);
        _app = app;
        _signingCertificate = signingCertificate;
        _service = service;
        _issuer = issuer;
        _username = username;
        _password = password;
    }

    /// <summary>The token endpoint (the registry's <c>auth.token.realm</c>).</summary>
    public Uri Realm { get; private set; } = null!;

    /// <summary>From now on, tokens grant nothing on <paramref name="repository"/> (a repository the user may not see).</summary>
    public void Close(string repository) => _closedRepositories[repository] = true;

    /// <summary>How many tokens were issued to authenticated or anonymous clients (to check caching).</summary>
    public int IssuedTokens => Volatile.Read(ref _issuedTokens);

    /// <summary>
    /// Starts the issuer on a free 127.0.0.1 port; it owns <paramref name="signingCertificate"/> from then on.
    /// <paramref name="grantedActions"/> limits what the user gets (all actions when null).
    /// </summary>
    public static async Task<RegistryTokenIssuer> StartAsync(
        X509Certificate2 signingCertificate,
        string service,
        string issuer,
        string username,
        string password,
        IEnumerable<string>? grantedActions = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var tokenIssuer = new RegistryTokenIssuer(app, signingCertificate, service, issuer, username, password, grantedActions ?? ["pull", "push", "delete", "*"]);
        app.Run(tokenIssuer.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        tokenIssuer.Realm = new Uri(new Uri(address), "/token");
        return tokenIssuer;
    }

    /// <summary>Stops answering: the port refuses connections afterwards (the "token realm down" case).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        await _app.DisposeAsync();
        _signingCertificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/token")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var authenticated = false;
        IEnumerable<string> requestedScopes;
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["grant_type"] != "refresh_token" || !Matches(form["refresh_token"].ToString(), _password))
            {
                await RefuseAsync(context);
                return;
            }

            authenticated = true;
            requestedScopes = form["scope"].OfType<string>();
        }
        else
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                if (!CredentialsMatch(authorization["Basic ".Length..].Trim()))
                {
                    await RefuseAsync(context);
                    return;
                }

                authenticated = true;
            }

            requestedScopes = context.Request.Query["scope"].OfType<string>();
        }

        var scopes = requestedScopes.SelectMany(scope => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var access = authenticated ? scopes.Select(ParseScope).OfType<object>().ToList() : [];
        var token = CreateToken(authenticated ? _username : string.Empty, access);
        Interlocked.Increment(ref _issuedTokens);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["token"] = token,
                ["access_token"] = token,
                ["expires_in"] = 300,
                ["issued_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            }),
            context.RequestAborted);
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""", context.RequestAborted);
    }

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private bool CredentialsMatch(string basicParameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(basicParameter));
        }
        catch (FormatException)
        {
            return false;
        }

        return Matches(decoded, $"{_username}:{_password}");
    }

    // scope := type ":" name ":" actions; the name may hold ':' only in exotic types, so split at the ends.
    private Dictionary<string, object>? ParseScope(string scope)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first)
        {
            return null;
        }

        return new Dictionary<string, object>
        {
            ["type"] = scope[..first],
            ["name"] = scope[(first + 1)..last],
            ["actions"] = _closedRepositories.ContainsKey(scope[(first + 1)..last])
                ? Array.Empty<string>()
                : scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries).Where(_grantedActions.Contains).ToArray(),
        };
    }

    private string CreateToken(string subject, IReadOnlyList<object> access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new[] { Convert.ToBase64String(_signingCertificate.RawData) },
        };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = _issuer,
            ["sub"] = subject,
            ["aud"] = _service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["access"] = access,
        };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        using var key = _signingCertificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the token signing certificate has no ECDSA key");
        // ES256 signatures are r||s (IEEE P1363), which is what ECDsa.SignData produces by default.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
