using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Registry;

namespace Pipeline.Image.Tests;

/// <summary>The engine found through a docker context, as the docker CLI finds it, from the build's environment.</summary>
public sealed class DockerContextTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("pipeline-docker-config-").FullName;

    [Fact]
    public async Task ConnectAsync_ReachesTheEngineOfTheContextNamedByDockerContext()
    {
        // A socket at another path, as a rootless engine's: the context is the only way to find it.
        var socket = Path.Combine(_config, "engine.sock");
        File.CreateSymbolicLink(socket, "/var/run/docker.sock");
        WriteContext("rootless", $"unix://{socket}");
        var connector = new DockerEngineConnector(Environment(("DOCKER_CONTEXT", "rootless")), provisioner: null, NullLogger.Instance);

        using var engine = await connector.ConnectAsync(CancellationToken.None);

        engine.Endpoint.Should().Be(new Uri($"unix://{socket}"));
        (await engine.GetInfoAsync(CancellationToken.None)).ApiVersion.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Resolve_UsesTheCurrentContextOfTheDockerConfig()
    {
        WriteContext("podman", "unix:///run/user/1000/podman/podman.sock");
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"auths":{},"currentContext":"podman"}""");

        DockerEndpoint.Resolve(Environment()).Should().Be(new Uri("unix:///run/user/1000/podman/podman.sock"));
    }

    [Fact]
    public void Resolve_PrefersDockerHostToTheContext()
    {
        WriteContext("podman", "unix:///run/user/1000/podman/podman.sock");

        DockerEndpoint.Resolve(Environment(("DOCKER_CONTEXT", "podman"), ("DOCKER_HOST", "unix:///tmp/given.sock")))
            .Should().Be(new Uri("unix:///tmp/given.sock"));
    }

    [Fact]
    public void Resolve_WithoutContextOrHost_IsTheDefaultSocket()
    {
        DockerEndpoint.Resolve(Environment()).Should().Be(DockerEndpoint.DefaultSocket);
    }

    [Fact]
    public void Resolve_AContextThatDoesNotExist_NamesItAndTheFix()
    {
        var act = () => DockerEndpoint.Resolve(Environment(("DOCKER_CONTEXT", "gone")));

        var exception = act.Should().Throw<ContainerEngineUnavailableException>().Which;
        exception.Kind.Should().Be(ContainerEngineFailureKind.UnsupportedEndpoint);
        exception.Message.Should().Contain("'gone'").And.Contain("DOCKER_CONTEXT=gone").And.Contain("docker context use");
    }

    [Fact]
    public void Resolve_AnSshContext_IsRefusedWithTheTunnelFix()
    {
        WriteContext("remote", "ssh://builder@build-host");

        var act = () => DockerEndpoint.Resolve(Environment(("DOCKER_CONTEXT", "remote")));

        act.Should().Throw<ContainerEngineUnavailableException>()
            .Which.Message.Should().Contain("ssh://builder@build-host").And.Contain("tunnel");
    }

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private ProcessEnvironment Environment(params (string Name, string Value)[] variables) =>
        ProcessEnvironment.From([new("DOCKER_CONFIG", _config), .. variables.Select(variable => new KeyValuePair<string, string>(variable.Name, variable.Value))]);

    private void WriteContext(string name, string host)
    {
        var folder = Path.Combine(_config, "contexts", "meta", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))));
        Directory.CreateDirectory(folder);
        var meta = new { Name = name, Metadata = new { }, Endpoints = new { docker = new { Host = host, SkipTLSVerify = false } } };
        File.WriteAllText(Path.Combine(folder, "meta.json"), System.Text.Json.JsonSerializer.Serialize(meta));
    }
}
