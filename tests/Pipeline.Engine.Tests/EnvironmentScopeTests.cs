using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

/// <summary>The environment is read only for the parameters of the planned targets (ChainBuild: Push and its clean-up do not reach IDeployStage's).</summary>
public sealed class EnvironmentScopeTests
{
    [Fact]
    public async Task Bind_BadEnvironmentValueOfAParameterNoPlannedTargetUses_IsIgnoredAndSaidWithVerbose()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Push", "--verbose"], new() { ["REPLICAS"] = "many", ["REGISTRY_PASSWORD"] = "pw" });

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("ran Push").And.Contain("Ignored environment variable REPLICAS (--replicas): no planned target uses it.");
    }

    [Fact]
    public async Task Bind_BadEnvironmentValueOfAParameterAPlannedTargetUses_Exits2NamingTheVariable()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Push"], new() { ["REGISTRY_PORT"] = "not-a-port", ["REGISTRY_PASSWORD"] = "pw" });

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("--registry-port (from environment variable REGISTRY_PORT): 'not-a-port' is not a valid Port.");
        run.Output.Should().NotContain("ran Compile");
    }

    [Fact]
    public async Task Bind_EnvironmentValueOfAParameterAPlannedTargetUses_IsBoundAndRangeChecked()
    {
        var bound = await BuildHarness.RunAsync<ChainBuild>(["Deploy"], new() { ["PIPELINE_REPLICAS"] = "3", ["REPLICAS"] = "0", ["REGISTRY_PASSWORD"] = "pw" });
        var outOfRange = await BuildHarness.RunAsync<ChainBuild>(["Deploy"], new() { ["REPLICAS"] = "0", ["REGISTRY_PASSWORD"] = "pw" });

        bound.Output.Should().Contain("ran Deploy with 3 replicas", "PIPELINE_REPLICAS wins over REPLICAS");
        outOfRange.ExitCode.Should().Be(2, outOfRange.Output);
        outOfRange.Output.Should().Contain("--replicas (from environment variable REPLICAS): '0' is out of range: give a whole number at least 1.");
        outOfRange.Output.Should().NotContain("ran Compile");
    }

    [Fact]
    public async Task Bind_CommandLineValueOfAParameterNoPlannedTargetUses_StaysStrict()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Image", "--registry-port", "not-a-port"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("--registry-port (from the command line): 'not-a-port' is not a valid Port.");
    }

    [Fact]
    public async Task Bind_PipelinePrefixedVariable_WinsOverTheBareName()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Image"], new() { ["IMAGE_NAME"] = "bare", ["PIPELINE_IMAGE_NAME"] = "prefixed" });

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("ran Image prefixed");
    }

    [Fact]
    public async Task Bind_ParametersFileValueOfAParameterNoPlannedTargetUses_IsIgnored()
    {
        using var root = new TemporaryDirectory();
        root.WriteParameters("""{ "replicas": "many" }""");

        var ignored = await BuildHarness.RunAsync<ChainBuild>(["Push", "--registry-password", "pw"], root: root);
        var used = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--registry-password", "pw"], root: root);

        ignored.ExitCode.Should().Be(0, ignored.Output);
        used.ExitCode.Should().Be(2, used.Output);
        used.Output.Should().Contain("--replicas (from .pipeline/parameters.json): 'many' is not a valid int.");
    }

    [Fact]
    public async Task Help_ShowsThePrefixedAndTheBareVariable()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["--help"]);

        run.Lines.Should().Contain(line => line.Contains("--image-name", StringComparison.Ordinal) && line.Contains("PIPELINE_IMAGE_NAME | IMAGE_NAME", StringComparison.Ordinal));
    }
}
