using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Testing.Docker;

namespace Pipeline.Doctor.Tests;

public sealed class EngineChecksTests(DockerEngineFixture engine) : IClassFixture<DockerEngineFixture>
{
    [Fact]
    public async Task RunAsync_RunningEngine_ReportsVersionDriverAndNetworkAsTheEngineSaysThem()
    {
        var diagnosis = await EngineChecks.RunAsync(_ => Task.FromResult(engine.Engine), CancellationToken.None);

        diagnosis.Info.Should().BeEquivalentTo(engine.Info);
        diagnosis.Results.Select(result => result.Check).Should().Equal(EngineChecks.Reachable, EngineChecks.Version, EngineChecks.StorageDriver, EngineChecks.BridgeNetwork);
        diagnosis.Results[0].Should().Be(CheckResult.Ok(EngineChecks.Reachable, $"Docker engine at {engine.Engine.Endpoint}"));
        diagnosis.Results[1].Detail.Should().Be($"Engine {engine.Info.Version}, API {engine.Info.ApiVersion}");
        diagnosis.Results[2].Detail.Should().Be(engine.Info.StorageDriver);
        diagnosis.Results[3].Detail.Should().Be(engine.Info.HasBridgeNetwork
            ? "bridge network present: build steps use it"
            : "no bridge network (dockerd --bridge=none): builds use the host network");
    }

    [Fact]
    public async Task RunAsync_NoEngineAtTheSocket_FailsReachableWithTheFixAndSkipsTheRest()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"doctor-{Guid.NewGuid():N}.sock");
        var connector = new DockerEngineConnector(ProcessEnvironment.From(new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{socket}" }), provisioner: null, NullLogger.Instance);

        var diagnosis = await EngineChecks.RunAsync(async token => await connector.ConnectAsync(token), CancellationToken.None);

        diagnosis.Info.Should().BeNull();
        var reachable = diagnosis.Results[0];
        reachable.Status.Should().Be(CheckStatus.Failed);
        reachable.Detail.Should().StartWith($"no Docker engine at unix://{socket}");
        reachable.Fix.Should().Be("start dockerd (as root on Debian: build/provision.sh docker), or set DOCKER_HOST to the engine's socket");
        diagnosis.Results.Skip(1).Should().OnlyContain(result => result.Status == CheckStatus.Skipped && result.Detail == "the engine did not answer");
    }
}
