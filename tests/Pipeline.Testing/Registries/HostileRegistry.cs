using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;

namespace Pipeline.Testing.Registries;

/// <summary>
/// A TEST DOUBLE of a registry on 127.0.0.1 that speaks enough of the HTTP API v2 (ping, catalog, blob GET,
/// upload POST) with Basic auth, and sends its clients elsewhere as <see cref="HostileRegistryOptions"/> says:
/// a catalog <c>Link</c>, a blob redirect, an upload <c>Location</c>, a token realm. It records what it receives,
/// so a test sees that its own origin got the credentials and the other one (an <see cref="OriginRecorder"/>) did not.
/// </summary>
public sealed class HostileRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private HostileRegistry(WebApplication app, HostileRegistryOptions options)
    {
        _app = app;
        Options = options;
        Credentials = new RegistryCredentials(options.Username, options.Password, CredentialSource.Explicit("hostile registry user"));
    }

    /// <summary>The options it was started with.</summary>
    public HostileRegistryOptions Options { get; }

    /// <summary>Where it listens: <c>127.0.0.1:PORT</c>.</summary>
    public RegistryHost Host { get; private set; }

    /// <summary>The user it accepts.</summary>
    public RegistryCredentials Credentials { get; }

    /// <summary>What it received, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>The Basic header its user sends, to compare with what another origin received.</summary>
    public string BasicAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.Username}:{Options.Password}"));

    /// <summary>Starts on a free 127.0.0.1 port.</summary>
    public static async Task<HostileRegistry> StartAsync(HostileRegistryOptions options, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var registry = new HostileRegistry(app, options);
        app.Run(registry.HandleAsync);
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        registry.Host = RegistryHost.Parse($"127.0.0.1:{address.Port}");
        return registry;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString();
        _requests.Enqueue(new ReceivedRequest(request.Method, request.Path + request.QueryString, authorization));
        var response = context.Response;
        response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        if (!Authorized(authorization))
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = Options.TokenRealm is { } realm
                ? $"Bearer realm=\"{realm}\",service=\"hostile\""
                : "Basic realm=\"hostile\"";
            return;
        }

        var path = request.Path.Value ?? "/";
        if (path == "/v2/")
        {
            await WriteJsonAsync(context, "{}");
        }
        else if (path == "/v2/_catalog")
        {
            var next = Options.CatalogLinksToItself ? new Uri("/v2/_catalog?n=100&last=hostile/app", UriKind.Relative) : Options.CatalogNextPage;
            if (next is not null)
            {
                response.Headers["Link"] = $"<{next}>; rel=\"next\"";
            }

            await WriteJsonAsync(context, "{\"repositories\":[\"hostile/app\"]}");
        }
        else if (path.Contains("/blobs/uploads/", StringComparison.Ordinal) && HttpMethods.IsPost(request.Method) && Options.UploadLocation is { } location)
        {
            response.StatusCode = StatusCodes.Status202Accepted;
            response.Headers.Location = location.ToString();
        }
        else if (path.Contains("/blobs/", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method) && Options.BlobRedirect is { } redirect)
        {
            response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            response.Headers.Location = redirect.ToString();
        }
        else
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            await WriteJsonAsync(context, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}");
        }
    }

    // Basic with the one user; in token mode any Bearer token (the realm is what the tests are about).
    private bool Authorized(string? authorization) =>
        authorization == BasicAuthorization
        || (Options.TokenRealm is not null && authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true);

    private static Task WriteJsonAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
