using Pipeline.Engine;
using Pipeline.Image;

namespace Pipeline.Components;

/// <summary>
/// The Docker engine (Engine API, no docker CLI): <c>DOCKER_HOST</c> or the default socket; a remote one over TLS
/// (<c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_CERT_PATH</c>), never plain TCP off loopback. On a root Debian
/// machine without one, the project's provisioning script installs and starts it, saying so.
/// </summary>
public interface IHazContainerEngine : IPipelineBuild
{
    /// <summary>Connects once per build.</summary>
    Task<IContainerEngine> ConnectEngineAsync(CancellationToken cancellationToken) => Once<IContainerEngine>(async () =>
        await new DockerEngineConnector(StageEnvironment.Of(this), new ProvisionScript(Log), Log).ConnectAsync(cancellationToken));
}
