// A TEST DOUBLE of the GitHub REST API, not GitHub: a Kestrel server on 127.0.0.1 (port chosen by the OS) that
// implements only the endpoints Pipeline.GitHub calls, keeps releases and deployments in memory, and records every
// request. Tests point Octokit at it through GITHUB_API_URL; nothing reaches api.github.com.
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Testing.GitHub;

/// <summary>
/// A TEST DOUBLE of the GitHub REST API on loopback. Requests must carry <see cref="AcceptedToken"/> (else 401,
/// as GitHub answers bad credentials); repositories other than the known ones answer 404.
/// </summary>
public sealed class GitHubApiDouble : IAsyncDisposable
{
    /// <summary>The path prefix Octokit puts on every non-github.com address (GitHub Enterprise Server's layout).</summary>
    public const string ApiPrefix = "/api/v3";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests;

    private GitHubApiDouble(WebApplication app, GitHubDoubleState state, ConcurrentQueue<RecordedRequest> requests, Uri baseAddress, string acceptedToken)
    {
        _app = app;
        State = state;
        _requests = requests;
        BaseAddress = baseAddress;
        AcceptedToken = acceptedToken;
    }

    /// <summary>The address to give as GITHUB_API_URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The only token the double accepts.</summary>
    public string AcceptedToken { get; }

    /// <summary>Releases and deployments as the double holds them.</summary>
    public GitHubDoubleState State { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts the double knowing <paramref name="repositories"/> (<c>owner/name</c>).</summary>
    public static async Task<GitHubApiDouble> StartAsync(string acceptedToken, params string[] repositories)
    {
        var state = new GitHubDoubleState(repositories);
        var requests = new ConcurrentQueue<RecordedRequest>();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use((context, next) => RecordAndAuthenticateAsync(context, next, requests, acceptedToken));

        // The address is known only once Kestrel listens; the JSON bodies read it lazily through this holder.
        var addressHolder = new AddressHolder();
        var json = new GitHubJson(addressHolder);
        new ReleaseEndpoints(state, json).Map(app.MapGroup(ApiPrefix), app.MapGroup("/uploads"));
        new DeploymentEndpoints(state, json).Map(app.MapGroup(ApiPrefix));
        app.MapFallback(() => DoubleResponses.NotFound());
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        addressHolder.Address = new Uri(address.TrimEnd('/') + "/");
        return new GitHubApiDouble(app, state, requests, addressHolder.Address, acceptedToken);
    }

    /// <summary>The recorded requests with <paramref name="method"/>, in order.</summary>
    public IReadOnlyList<RecordedRequest> RequestsWith(string method) =>
        [.. Requests.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task RecordAndAuthenticateAsync(HttpContext context, RequestDelegate next, ConcurrentQueue<RecordedRequest> requests, string acceptedToken)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        request.Body = new MemoryStream(body.ToArray());

        var authorization = request.Headers.Authorization.ToString();
        var (scheme, credential) = authorization.Split(' ', 2) is [var s, var c] ? (s, c) : ((string?)null, (string?)null);
        var headers = request.Headers
            .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = request.Path.Value ?? string.Empty;
        requests.Enqueue(new RecordedRequest(
            request.Method,
            path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? path[ApiPrefix.Length..] : path,
            request.QueryString.Value ?? string.Empty,
            headers,
            scheme,
            body.ToArray()));

        if (!string.Equals(credential, acceptedToken, StringComparison.Ordinal))
        {
            await DoubleResponses.Json(StatusCodes.Status401Unauthorized, GitHubJson.Error("Bad credentials"))
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
