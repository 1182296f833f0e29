using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>Where the Docker engine listens: <c>DOCKER_HOST</c>, else the default Unix socket.</summary>
public static class DockerEndpoint
{
    /// <summary>The engine's default socket on Linux.</summary>
    public static Uri DefaultSocket { get; } = new("unix:///var/run/docker.sock");

    /// <summary>Reads <c>DOCKER_HOST</c> from <paramref name="environment"/>; the default socket when unset.</summary>
    /// <exception cref="ContainerEngineUnavailableException">DOCKER_HOST is set but is not a unix:// or tcp:// URI.</exception>
    public static Uri Resolve(ProcessEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment["DOCKER_HOST"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultSocket;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "http")
        {
            return uri;
        }

        throw new ContainerEngineUnavailableException(
            ContainerEngineFailureKind.UnsupportedEndpoint,
            DefaultSocket,
            $"DOCKER_HOST='{value}' is not an engine address this library can use: set it to unix:///path/to/docker.sock "
            + "or tcp://127.0.0.1:2375, or unset it to use unix:///var/run/docker.sock.");
    }

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
