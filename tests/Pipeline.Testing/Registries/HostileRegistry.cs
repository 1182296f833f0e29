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
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _uploadAttempts;

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

    /// <summary>The escaped <c>_state</c> query its upload Locations carry (a registry's opaque, percent-encoded state).</summary>
    public const string UploadState = "_state=s%2Bt%2F%3D%3D";

    /// <summary>How many blob PUTs it received.</summary>
    public int UploadAttempts => Volatile.Read(ref _uploadAttempts);

    /// <summary>The digests of the blobs it stored.</summary>
    public IReadOnlyCollection<string> StoredBlobs => [.. _blobs.Keys];

    /// <summary>What it received, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>The Basic header its user sends, to compare with what another origin received.</summary>
    public string BasicAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.Username}:{Options.Password}"));

    /// <summary>Starts on a free 127.0.0.1 port.</summary>
    public static async Task<HostileRegistry> StartAsync(HostileRegistryOptions options, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
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
        // A request that stopped reading does not see its client leave (its socket is not read): release it.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
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
        else if (Options.StoresBlobs && path.Contains("/blobs/uploads/", StringComparison.Ordinal))
        {
            await HandleUploadAsync(context, path);
        }
        else if (Options.StoresBlobs && path.Contains("/blobs/", StringComparison.Ordinal) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await ServeBlobAsync(context, path[(path.LastIndexOf('/') + 1)..]);
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

    private async Task HandleUploadAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var response = context.Response;
        if (HttpMethods.IsPost(request.Method))
        {
            var upload = $"{path.TrimEnd('/')}/{Guid.NewGuid():N}?{UploadState}";
            response.StatusCode = StatusCodes.Status202Accepted;
            response.Headers.Location = Options.AbsoluteUploadLocation ? $"http://{Host}{upload}" : upload;
            return;
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var attempt = Interlocked.Increment(ref _uploadAttempts);
        switch (Options.UploadFaults?.Invoke(attempt) ?? UploadFault.None)
        {
            case UploadFault.DropConnection:
                context.Abort();
                return;
            case UploadFault.ServiceUnavailable:
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case UploadFault.Denied:
                response.StatusCode = StatusCodes.Status403Forbidden;
                await WriteJsonAsync(context, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
                return;
            case UploadFault.StopReading:
                await WaitUntilClientLeavesAsync(context);
                return;
        }

        if (!request.QueryString.Value!.Contains(UploadState, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJsonAsync(context, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"the upload state was altered\"}]}");
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var digest = request.Query["digest"].ToString();
        if (Digest.ComputeSha256(body.ToArray()).ToString() != digest)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteJsonAsync(context, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\"}]}");
            return;
        }

        _blobs[digest] = body.ToArray();
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers["Docker-Content-Digest"] = digest;
    }

    private async Task ServeBlobAsync(HttpContext context, string digest)
    {
        if (!_blobs.TryGetValue(digest, out var blob))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentLength = blob.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var served = blob.ToArray();
        if (Options.ServesAlteredBlobs && served.Length > 0)
        {
            served[0] ^= 0xFF;
        }

        if (Options.StallsBlobDownloads)
        {
            await context.Response.Body.WriteAsync(served.AsMemory(0, served.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await WaitUntilClientLeavesAsync(context);
            return;
        }

        await context.Response.Body.WriteAsync(served, context.RequestAborted);
    }

    private async Task WaitUntilClientLeavesAsync(HttpContext context)
    {
        var left = new TaskCompletionSource();
        await using (context.RequestAborted.Register(() => left.TrySetResult()))
        await using (_stopping.Token.Register(() => left.TrySetResult()))
        {
            await left.Task;
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
