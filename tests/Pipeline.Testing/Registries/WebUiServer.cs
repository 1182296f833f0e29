using System.Net;
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
/// A loopback HTTP server that answers every path with an HTML page, like a repository manager's web UI port
/// (Nexus on 8081) that users mistake for its Docker connector.
/// </summary>
public sealed class WebUiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebUiServer(WebApplication app, RegistryHost host)
    {
        _app = app;
        Host = host;
    }

    /// <summary>Where it listens, <c>127.0.0.1:PORT</c>.</summary>
    public RegistryHost Host { get; }

    /// <summary>Starts the server on a free port.</summary>
    public static async Task<WebUiServer> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html><head><title>Repository Manager</title></head><body>Welcome</body></html>", context.RequestAborted);
        });
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new WebUiServer(app, RegistryHost.Parse($"127.0.0.1:{address.Port}"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
