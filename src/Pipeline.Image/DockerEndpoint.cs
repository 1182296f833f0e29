namespace Pipeline.Image;

/// <summary>Where the Docker engine listens: <c>DOCKER_HOST</c>, else the default Unix socket.</summary>
public static class DockerEndpoint
{
    /// <summary>The engine's default socket on Linux.</summary>
    public static Uri DefaultSocket { get; } = new("unix:///var/run/docker.sock");

    /// <summary>Reads <c>DOCKER_HOST</c> through <paramref name="environmentVariable"/>; the default socket when unset.</summary>
    /// <exception cref="ContainerEngineUnavailableException">DOCKER_HOST is set but is not a unix:// or tcp:// URI.</exception>
    public static Uri Resolve(Func<string, string?> environmentVariable)
    {
        ArgumentNullException.ThrowIfNull(environmentVariable);
        var value = environmentVariable("DOCKER_HOST");
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
}
