using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Testing.Registries;

/// <summary>
/// A second loopback origin (127.0.0.2 by default, so it differs from a registry on 127.0.0.1 by host, not only
/// by port) that records every request it receives, Authorization header included, and answers with the given
/// delegate: the "somewhere else" a hostile registry points redirects, <c>Location</c> and <c>Link</c> at.
/// </summary>
public sealed class OriginRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private OriginRecorder(WebApplication app) => _app = app;

    /// <summary>The recorder's origin, <c>http://127.0.0.2:PORT/</c>.</summary>
    public Uri Origin { get; private set; } = null!;

    /// <summary>What it received, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Starts on a free port of <paramref name="address"/> (127.0.0.2 when null), answering with <paramref name="answer"/>.</summary>
    public static async Task<OriginRecorder> StartAsync(RequestDelegate answer, IPAddress? address = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address ?? IPAddress.Parse("127.0.0.2"), 0));
        var app = builder.Build();
        var recorder = new OriginRecorder(app);
        app.Run(async context =>
        {
            var authorization = context.Request.Headers.Authorization;
            recorder._requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                authorization.Count == 0 ? null : authorization.ToString()));
            await answer(context);
        });
        await app.StartAsync(ct);
        var listening = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        recorder.Origin = new Uri($"http://{listening.Authority}/");
        return recorder;
    }

    /// <summary>An answer that sends <paramref name="body"/> as JSON with status 200.</summary>
    public static RequestDelegate Json(string body) => context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>An answer that sends <paramref name="body"/> as an octet stream with status 200.</summary>
    public static RequestDelegate Bytes(byte[] body) => context =>
    {
        context.Response.ContentType = "application/octet-stream";
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    };

    /// <summary>An answer that asks for Basic credentials (401), as storage does that wants its own login.</summary>
    public static RequestDelegate BasicChallenge => context =>
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"elsewhere\"";
        return Task.CompletedTask;
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
