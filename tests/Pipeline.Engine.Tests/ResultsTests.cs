using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class ResultsTests
{
    [Fact]
    public async Task ResultOf_HandsATargetsReturnedValueToTheTargetsAfterIt()
    {
        var run = await BuildHarness.RunAsync<ResultsBuild>([]);

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("deploying orders-api:v1.2.3@sha256:new for v1.2.3");
    }

    [Fact]
    public async Task ResultOf_ASkippedTargetStillHandsOnTheResultItCarries()
    {
        var run = await BuildHarness.RunAsync<ResultsBuild>(["--unchanged"]);

        run.StatusOf("Push").Should().Be("Skipped");
        run.Output.Should().Contain("deploying orders-api:v1.2.3@sha256:old");
    }

    [Fact]
    public async Task ResultOf_AFailedTargetHasNone()
    {
        var run = await BuildHarness.RunAsync<ResultsBuild>(["--fail-push"]);

        run.StatusOf("Push").Should().Be("Failed");
        run.Output.Should().Contain("report: no result, push Failed");
    }

    [Fact]
    public async Task Once_ComputesAValueOncePerRunForEveryTarget()
    {
        var run = await BuildHarness.RunAsync<ResultsBuild>([]);

        // Push and Deploy both asked for the release; Report runs last and counts the lookups.
        run.Output.Should().Contain("release looked up 1 time(s)");
    }

    [Fact]
    public async Task TryDependsOn_WithoutTheComponent_RunsTheTargetAlone()
    {
        var run = await BuildHarness.RunAsync<RenderOnlyBuild>([]);

        run.ExitCode.Should().Be(0);
        run.Table.Select(row => row.Target).Should().Equal("RenderAny");
    }

    [Fact]
    public async Task TryDependsOn_WithTheComponent_RunsItsTargetFirst()
    {
        var run = await BuildHarness.RunAsync<ProduceAndRenderBuild>([]);

        run.Table.Select(row => row.Target).Should().Equal("ProduceImage", "RenderAny");
    }

    [Fact]
    public async Task DependsOnComponent_NotImplemented_IsAConfigurationErrorNamingIt()
    {
        var run = await BuildHarness.RunAsync<MissingProducerBuild>([]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Target 'RenderOwn' depends on a target of IProduceImage, which this build does not implement");
    }
}
