using Docker.DotNet;
using Pipeline.Registry;

namespace Pipeline.Image;

/// <summary>
/// The docker CLI's variables read from this build's environment (not the process's), so the client's own
/// context resolution answers for the environment the build was given.
/// </summary>
internal sealed class DockerCliSettings(ProcessEnvironment environment) : IDockerCliSettings
{
    public string DockerConfig => environment["DOCKER_CONFIG"] ?? string.Empty;

    public string DockerHost => environment["DOCKER_HOST"] ?? string.Empty;

    public string DockerTlsVerify => environment["DOCKER_TLS_VERIFY"] ?? string.Empty;

    public string DockerContext => environment["DOCKER_CONTEXT"] ?? string.Empty;
}
