using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Image.Tests;

[Collection(DockerCollection.Name)]
public class EngineInfoTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task GetInfoAsync_DetectsBridgelessEngineAndUsesHostNetwork()
    {
        var info = await docker.Engine.GetInfoAsync(CancellationToken.None);

        // This machine's dockerd runs with --bridge=none (see ENVIRONMENT.md): builds must use the host network.
        info.HasBridgeNetwork.Should().BeFalse();
        info.BuildNetworkMode.Should().Be("host");
        info.ApiVersion.Should().Be("1.41");
        info.StorageDriver.Should().Be("overlay2");
        info.Version.Should().StartWith("20.10");
    }

    [Fact]
    public async Task GetBuildNetworkModeAsync_AgreesWithTheFullInfo()
    {
        var info = await docker.Engine.GetInfoAsync(CancellationToken.None);

        var mode = await docker.Engine.GetBuildNetworkModeAsync(CancellationToken.None);

        mode.Should().Be(info.BuildNetworkMode).And.Be("host", "this machine's dockerd has no bridge network");
    }

    [Fact]
    public async Task GetInfoAsync_ReportsLoopbackAsInsecureRegistry()
    {
        var info = await docker.Engine.GetInfoAsync(CancellationToken.None);

        info.InsecureRegistryCidrs.Should().Contain("127.0.0.0/8");
        info.AllowsPlainHttp(RegistryHost.Parse("127.0.0.1:5000")).Should().BeTrue();
        info.AllowsPlainHttp(RegistryHost.Parse("localhost:5000")).Should().BeTrue();
        info.AllowsPlainHttp(RegistryHost.Parse("nexus.example.com:8082")).Should().BeFalse();
    }

    [Fact]
    public void AllowsPlainHttp_HonoursNamedInsecureRegistries()
    {
        var info = new EngineInfo("20.10", "1.41", "overlay2", false, [], ["nexus.example.com:8082"]);

        info.AllowsPlainHttp(RegistryHost.Parse("nexus.example.com:8082")).Should().BeTrue();
        info.BuildNetworkMode.Should().Be("host");
        (info with { HasBridgeNetwork = true }).BuildNetworkMode.Should().BeNull();
    }
}
