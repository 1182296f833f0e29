using Docker.DotNet;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// Where the Docker engine listens, found as the docker CLI finds it: <c>DOCKER_HOST</c>, else the context named by
/// <c>DOCKER_CONTEXT</c> or by <c>currentContext</c> in the docker config (a rootless or Podman socket), else the
/// default Unix socket.
/// </summary>
public static class DockerEndpoint
{
    /// <summary>The engine's default socket on Linux.</summary>
    public static Uri DefaultSocket { get; } = new("unix:///var/run/docker.sock");

    /// <summary>Resolves the engine's address from <paramref name="environment"/>.</summary>
    /// <exception cref="ContainerEngineUnavailableException">DOCKER_HOST or the context names no engine this library can use.</exception>
    public static Uri Resolve(ProcessEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var host = environment["DOCKER_HOST"];
        if (!string.IsNullOrWhiteSpace(host))
        {
            return Usable(host.Trim(), $"DOCKER_HOST='{host}'");
        }

        Uri fromContext;
        try
        {
            fromContext = new DockerConfig(new DockerCliSettings(environment)).GetEndpoint();
        }
        catch (DockerConfigurationException exception)
        {
            throw new ContainerEngineUnavailableException(
                ContainerEngineFailureKind.UnsupportedEndpoint,
                DefaultSocket,
                $"{exception.Message} ({ContextOrigin(environment)}): run 'docker context ls' and 'docker context use' a context that exists, "
                + "or set DOCKER_HOST to the engine's socket.",
                exception);
        }

        return fromContext == DefaultSocket ? DefaultSocket : Usable(fromContext.OriginalString, $"the docker context's endpoint '{fromContext}' ({ContextOrigin(environment)})");
    }

    private static Uri Usable(string address, string origin)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "http")
        {
            return uri;
        }

        throw new ContainerEngineUnavailableException(
            ContainerEngineFailureKind.UnsupportedEndpoint,
            DefaultSocket,
            $"{origin} is not an engine address this library can use: set DOCKER_HOST to unix:///path/to/docker.sock "
            + "or tcp://127.0.0.1:2375 (an ssh:// engine through a tunnel to a local socket), or unset it to use unix:///var/run/docker.sock.");
    }

    private static string ContextOrigin(ProcessEnvironment environment) =>
        environment.NonEmpty("DOCKER_CONTEXT") is { } named
            ? $"DOCKER_CONTEXT={named}"
            : "currentContext in " + Path.Combine(environment.NonEmpty("DOCKER_CONFIG") ?? "~/.docker", "config.json");

    /// <summary>
    /// Refuses an engine on another machine over plain TCP before anything connects: the build sends it the push
    /// credentials (X-Registry-Auth). The engine's own socket, loopback and TLS are fine.
    /// </summary>
    /// <exception cref="ContainerEngineUnavailableException">Of kind <see cref="ContainerEngineFailureKind.InsecureEndpoint"/>.</exception>
    public static void RequireTlsOffLoopback(Uri endpoint, EngineTls? tls)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme == "unix" || tls is not null || endpoint.IsLoopback)
        {
            return;
        }

        throw new ContainerEngineUnavailableException(
            ContainerEngineFailureKind.InsecureEndpoint,
            endpoint,
            $"DOCKER_HOST={endpoint} is an engine on another machine over plain TCP, which would receive the registry credentials in clear: "
            + "set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a folder with ca.pem, cert.pem and key.pem (the engine's TLS set-up), "
            + "or reach the engine through an SSH tunnel to a local socket.");
    }
}
