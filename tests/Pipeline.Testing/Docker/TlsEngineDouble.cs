using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Testing.Registries;

namespace Pipeline.Testing.Docker;

/// <summary>
/// A TEST DOUBLE of a remote Docker engine's TLS port (dockerd --tlsverify), not an engine: a loopback HTTPS server
/// whose certificate <paramref name="authority"/> issued, which accepts only clients with a certificate of the same
/// authority and answers <c>/_ping</c> with <c>OK</c>, as the Engine API does. It counts the pings it answered.
/// </summary>
public sealed class TlsEngineDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _pings;

    private TlsEngineDouble(WebApplication app) => _app = app;

    /// <summary>Where it listens: <c>tcp://127.0.0.1:PORT</c>, as DOCKER_HOST names it.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>How many pings came through with a valid client certificate.</summary>
    public int Pings => Volatile.Read(ref _pings);

    /// <summary>Starts the double on a free loopback port.</summary>
    public static async Task<TlsEngineDouble> StartAsync(TestCertificateAuthority authority, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var serverCertificate = authority.IssueServerCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serverCertificate;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(authority.Certificate, certificate);
        })));
        var app = builder.Build();
        var engine = new TlsEngineDouble(app);
        app.Run(async context =>
        {
            if (context.Request.Path.Value?.EndsWith("/_ping", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref engine._pings);
                await context.Response.WriteAsync("OK", context.RequestAborted);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        engine.Endpoint = new Uri($"tcp://127.0.0.1:{address.Port}");
        return engine;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool ChainsTo(X509Certificate2 authority, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
