using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class PlannedTests
{
    [Fact]
    public async Task IsPlanned_ProducerRequested_IsTrueInTheChecks()
    {
        var run = await BuildHarness.RunAsync<PlannedBuild>(["Produce", "Consume"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Table.Select(row => row.Target).Should().Equal("Produce", "Consume");
    }

    [Fact]
    public async Task IsPlanned_ProducerNotRequested_IsFalseInTheChecks()
    {
        var run = await BuildHarness.RunAsync<PlannedBuild>(["Consume"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Produce does not run");
    }

    [Fact]
    public async Task IsPlanned_ProducerSkipped_IsFalseInTheChecks()
    {
        var run = await BuildHarness.RunAsync<PlannedBuild>(["Produce", "Consume", "--skip", "Produce"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Produce does not run");
    }
}
