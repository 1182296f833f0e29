using Docker.DotNet;

namespace Pipeline.Image;

/// <summary>
/// The docker CLI's variables read from this build's environment (not the process's), so the client's own
/// context resolution answers for the environment the build was given.
/// </summary>
internal sealed class DockerCliSettings(Func<string, string?> environmentVariable) : IDockerCliSettings
{
    public string DockerConfig => environmentVariable("DOCKER_CONFIG") ?? string.Empty;

    public string DockerHost => environmentVariable("DOCKER_HOST") ?? string.Empty;

    public string DockerTlsVerify => environmentVariable("DOCKER_TLS_VERIFY") ?? string.Empty;

    public string DockerContext => environmentVariable("DOCKER_CONTEXT") ?? string.Empty;
}
