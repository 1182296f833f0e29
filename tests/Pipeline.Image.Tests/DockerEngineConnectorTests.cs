using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Image;
using Pipeline.Registry;

namespace Pipeline.Image.Tests;

public class DockerEngineConnectorTests
{
    [Fact]
    public async Task ConnectAsync_ReachesEngineAtDefaultSocket()
    {
        var connector = new DockerEngineConnector(ProcessEnvironment.Empty, provisioner: null, NullLogger.Instance);

        using var engine = await connector.ConnectAsync(CancellationToken.None);

        engine.Endpoint.Should().Be(DockerEndpoint.DefaultSocket);
        (await engine.GetInfoAsync(CancellationToken.None)).ApiVersion.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ConnectAsync_FailsNamingSocketAndFixWhenNothingAnswers()
    {
        var socket = $"unix:///tmp/pipeline-image-test-{Guid.NewGuid():N}.sock";
        var provisioner = new RecordingProvisioner();
        var connector = new DockerEngineConnector(ProcessEnvironment.From(new Dictionary<string, string> { ["DOCKER_HOST"] = socket }), provisioner, NullLogger.Instance);

        var act = () => connector.ConnectAsync(CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ContainerEngineUnavailableException>()).Which;
        exception.Kind.Should().Be(ContainerEngineFailureKind.Unreachable);
        exception.Message.Should().Contain(socket).And.Contain("build/provision.sh docker");
        // Provisioning installs an engine at the default socket; it cannot help a custom DOCKER_HOST.
        provisioner.Calls.Should().Be(0);
    }

    [Fact]
    public void Resolve_RejectsUnsupportedDockerHost()
    {
        var act = () => DockerEndpoint.Resolve(ProcessEnvironment.From(new Dictionary<string, string> { ["DOCKER_HOST"] = "ssh://user@host" }));

        act.Should().Throw<ContainerEngineUnavailableException>()
            .Which.Message.Should().Contain("ssh://user@host").And.Contain("unix:///var/run/docker.sock");
    }

    [Fact]
    public void ProvisionScript_EmbedsTheRepositoryScript()
    {
        using var script = typeof(ProvisionScript).Assembly.GetManifestResourceStream(ProvisionScript.ResourceName);

        script.Should().NotBeNull();
        new StreamReader(script!).ReadToEnd().Should().StartWith("#!/usr/bin/env bash").And.Contain("docker");
    }

    [Fact]
    public async Task ProvisionScript_RunsIdempotentlyOnProvisionedMachine()
    {
        var logger = new CapturingLogger();
        var script = new ProvisionScript(logger);

        script.CanProvision.Should().BeTrue("the tests run as root on Debian");
        await script.ProvisionAsync(CancellationToken.None);

        logger.Text.Should().Contain("Provisioning with build/provision.sh docker").And.Contain("provision: ");
        Directory.GetFiles(Path.GetTempPath(), "pipeline-provision-*.sh").Should().BeEmpty("the extracted script is deleted");
    }

    private sealed class RecordingProvisioner : IEngineProvisioner
    {
        public int Calls { get; private set; }

        public bool CanProvision => true;

        public Task ProvisionAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}
