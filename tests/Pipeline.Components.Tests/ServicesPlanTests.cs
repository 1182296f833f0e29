using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Testing.Docker;

namespace Pipeline.Components.Tests;

/// <summary>What a many-services build says before it does anything: --help, --plan and a wrong --services (no registry, no publish).</summary>
public sealed class ServicesPlanTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-shop-plan", Guid.NewGuid().ToString("N"));

    public ServicesPlanTests()
    {
        SampleSources.CopyWithoutBuildOutput(Path.Combine(RepositoryRoot.Find(), "samples", "Shop"), _root);
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Help_ShopRepository_ShowsTheServicesFoundAndTheParallelism()
    {
        var run = await RunAsync("--help");

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Lines.Should().Contain(line => line.Contains("--services") && line.Contains("(default: basket-api,catalog-api,payments-api)"), "{0}", run);
        run.Lines.Should().Contain(line => line.Contains("--parallelism") && line.Contains($"(default: {Environment.ProcessorCount})"));
        run.Lines.Should().Contain(line => line.TrimStart().StartsWith("ServiceImages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_ShopRepository_ListsTheImageParametersButNoApplicationOfItsOwn()
    {
        var run = await RunAsync("--help");

        run.ExitCode.Should().Be(0, "{0}", run);
        foreach (var flag in new[] { "--base-image", "--build-args", "--builder", "--overwrite-tag", "--configuration", "--runtime-identifier" })
        {
            run.Lines.Should().Contain(line => line.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal), "ServiceImages builds every service with {0}: {1}", flag, run);
        }

        run.Lines.Should().NotContain(line => line.TrimStart().StartsWith("--dockerfile", StringComparison.Ordinal) || line.TrimStart().StartsWith("--artifact ", StringComparison.Ordinal),
            "each service has its own Dockerfile and artifact: {0}", run);
    }

    [Fact]
    public async Task Help_ServicesPublishBuild_ListsTheReleaseParametersButNoneOfTheOneServiceRenderOnes()
    {
        var run = await RunAsync<ShopReleaseBuild>("--help");

        run.ExitCode.Should().Be(0, "{0}", run);
        foreach (var flag in new[] { "--namespace", "--pull-secret", "--pull-secret-file", "--pull-username", "--pull-secret-from-docker-config", "--pin-digest", "--shipped-services", "--kubeconfig" })
        {
            run.Lines.Should().Contain(line => line.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal), "ServiceManifests and ServiceDeploy read {0}: {1}", flag, run);
        }

        run.Lines.Should().Contain(line => line.Contains("PULL_PASSWORD"), "the pull account's secret comes from the environment: {0}", run);
        run.Lines.Should().NotContain(line => line.TrimStart().StartsWith("Render ", StringComparison.Ordinal), "ServiceManifests renders every service: {0}", run);
        foreach (var flag in new[] { "--artifact", "--deploy-image", "--manifest", "--replicas", "--container-port" })
        {
            run.Lines.Should().NotContain(line => line.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal),
                "{0} is a one-service Render parameter: each service has its own artifact, image, replicas and port: {1}", flag, run);
        }
    }

    [Fact]
    public async Task Plan_ServiceImagesNarrowed_ListsTheServicesItShipsAndRunsNothing()
    {
        var run = await RunAsync("ServiceImages", "--plan", "--release", "1.0.0", "--services", "payments-api,basket-api");

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Lines[0].Should().Be("ServiceImages");
        run.Output.Should().Contain("Services: basket-api, payments-api (each decided against");
        Directory.Exists(Path.Combine(_root, "artifacts")).Should().BeFalse("--plan runs nothing");
    }

    [Fact]
    public async Task Plan_UnknownService_FailsNamingTheServicesBeforeAnyTargetRuns()
    {
        var run = await RunAsync("ServiceImages", "--plan", "--release", "1.0.0", "--services", "orders-api");

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("unknown service 'orders-api': the services are basket-api, catalog-api, payments-api");
    }

    [Fact]
    public async Task Plan_ParallelismBelowOne_FailsNamingTheFlag()
    {
        var run = await RunAsync("ServiceImages", "--plan", "--release", "1.0.0", "--parallelism", "0");

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--parallelism 0: give at least 1");
    }

    private Task<ChainRun> RunAsync(params string[] args) => RunAsync<ShopBuild>(args);

    private async Task<ChainRun> RunAsync<TBuild>(params string[] args)
        where TBuild : PipelineBuild, new()
    {
        using var output = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<TBuild>(args, new BuildHostContext
        {
            Output = output,
            Environment = new Dictionary<string, string> { ["HOME"] = _root },
            WorkingDirectory = _root,
        });
        return new ChainRun(exitCode, output.ToString());
    }
}
