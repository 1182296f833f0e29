using Docker.DotNet;
using Docker.DotNet.X509;
using Microsoft.Extensions.Logging;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// Connects to the Docker engine at <c>DOCKER_HOST</c> (or the default socket). When nothing answers at the
/// default socket and the machine can be provisioned, provisions it once and reconnects; otherwise fails with the
/// socket and the fix.
/// </summary>
public sealed class DockerEngineConnector
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(60);

    private readonly ProcessEnvironment _environment;
    private readonly IEngineProvisioner? _provisioner;
    private readonly ILogger _logger;

    /// <summary>Creates the connector.</summary>
    /// <param name="environment">The environment: DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH.</param>
    /// <param name="provisioner">Sets up an engine when none answers; null never provisions.</param>
    /// <param name="logger">Says what happens (provisioning, the engine found).</param>
    public DockerEngineConnector(ProcessEnvironment environment, IEngineProvisioner? provisioner, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        _environment = environment;
        _provisioner = provisioner;
        _logger = logger;
    }

    /// <summary>Returns an engine that answered a ping; the caller disposes it.</summary>
    /// <exception cref="ContainerEngineUnavailableException">No engine answers and none could be provisioned.</exception>
    public async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken)
    {
        var endpoint = DockerEndpoint.Resolve(_environment);
        var tls = EngineTls.Resolve(endpoint, _environment);
        DockerEndpoint.RequireTlsOffLoopback(endpoint, tls);
        // The client that answers the ping is the one returned: a second client would pay its start-up again.
        var engine = Create(endpoint, tls);
        try
        {
            await WaitForAsync(engine, endpoint, tls, cancellationToken);
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    private async Task WaitForAsync(DockerEngine engine, Uri endpoint, EngineTls? tls, CancellationToken cancellationToken)
    {
        var failure = await TryPingAsync(engine, cancellationToken);
        if (failure is null)
        {
            return;
        }

        if (tls is not null && failure is System.Security.Authentication.AuthenticationException)
        {
            throw new ContainerEngineUnavailableException(
                ContainerEngineFailureKind.Unreachable,
                endpoint,
                $"the engine at {endpoint} and this client did not agree on TLS ({failure.Message}): {tls.CertificateDirectory} must hold "
                + "the CA that issued the engine's certificate (ca.pem) and a client certificate the engine accepts (cert.pem, key.pem).",
                failure);
        }

        var provisionable = endpoint == DockerEndpoint.DefaultSocket && _provisioner is { CanProvision: true };
        if (!provisionable)
        {
            throw new ContainerEngineUnavailableException(
                ContainerEngineFailureKind.Unreachable,
                endpoint,
                $"no Docker engine at {endpoint} ({failure.Message}): run build/provision.sh docker (as root on Debian) "
                + "or start dockerd, or set DOCKER_HOST to the engine's socket.",
                failure);
        }

        await _provisioner!.ProvisionAsync(cancellationToken);
        var deadline = DateTimeOffset.UtcNow + StartupWait;
        while (true)
        {
            failure = await TryPingAsync(engine, cancellationToken);
            if (failure is null)
            {
                _logger.LogInformation("Provisioned Docker engine answers at {Endpoint}", endpoint);
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new ContainerEngineUnavailableException(
                    ContainerEngineFailureKind.ProvisioningFailed,
                    endpoint,
                    $"build/provision.sh docker finished but no Docker engine answers at {endpoint} ({failure.Message}): "
                    + "check dockerd's log and start it by hand.",
                    failure);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static DockerEngine Create(Uri endpoint, EngineTls? tls)
    {
        // No API version: unversioned paths, which the engine answers with its own (1.41 on Engine 20.10).
        // The endpoint is always given: it was resolved from this build's environment, not the process's.
        // TLS credentials make the client speak https:// to a tcp:// endpoint.
        var builder = new DockerClientBuilder().WithEndpoint(endpoint);
        if (tls is not null)
        {
            builder = builder.WithAuthProvider(new CertificateCredentials(tls.ClientCertificate) { ServerCertificateValidationCallback = tls.ValidateServer });
        }

        return new(builder.Build(), disposeClient: true);
    }

    private static async Task<Exception?> TryPingAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await engine.PingAsync(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TimeoutException($"no answer within {PingTimeout.TotalSeconds:0} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or DockerApiException or TimeoutException
            or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            return exception;
        }
    }
}
