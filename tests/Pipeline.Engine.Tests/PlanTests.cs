using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class PlanTests
{
    [Fact]
    public async Task Plan_ChainOfComponentInterfaces_ListsCleanupInParenthesesRightAfterWhatItCleans()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["--plan"], new() { ["REGISTRY_PASSWORD"] = "pw" });

        run.ExitCode.Should().Be(0);
        run.Output.Trim().Should().Be("Compile → Image → Push → (CleanImages) → Render → Deploy");
    }

    [Fact]
    public async Task Plan_RunsNothing()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--plan"], new() { ["REGISTRY_PASSWORD"] = "pw" });

        run.Output.Should().NotContain("ran Compile");
        run.Table.Should().BeEmpty();
    }

    [Fact]
    public async Task Plan_DependsOn_FollowsDependenciesAndBreaksTiesByDeclarationOrder()
    {
        var run = await BuildHarness.RunAsync<OrderingBuild>(["Publish", "--plan"]);

        run.Output.Trim().Should().Be("Restore → Compile → Pack → Test → Publish");
    }

    [Fact]
    public async Task Plan_Before_OrdersWithoutScheduling()
    {
        (await BuildHarness.RunAsync<OrderingBuild>(["Compile", "Lint", "--plan"])).Output.Trim()
            .Should().Be("Restore → Lint → Compile");
        (await BuildHarness.RunAsync<OrderingBuild>(["Compile", "--plan"])).Output.Trim()
            .Should().Be("Restore → Compile");
    }

    [Fact]
    public async Task Plan_After_OrdersWithoutScheduling()
    {
        (await BuildHarness.RunAsync<OrderingBuild>(["Announce", "Publish", "--plan"])).Output.Trim()
            .Should().Be("Restore → Compile → Pack → Test → Publish → Announce");
        (await BuildHarness.RunAsync<OrderingBuild>(["Announce", "--plan"])).Output.Trim()
            .Should().Be("Announce");
    }

    [Fact]
    public async Task Plan_Triggers_SchedulesTheTriggeredTargetAfterwards()
    {
        var run = await BuildHarness.RunAsync<TriggersBuild>(["Pack", "--plan"]);

        run.Output.Trim().Should().Be("Compile → Pack → Notify → Audit");
    }

    [Fact]
    public async Task Plan_TriggeredBy_SchedulesTheTargetAfterItsTrigger()
    {
        var run = await BuildHarness.RunAsync<TriggersBuild>(["Compile", "--plan"]);

        run.Output.Trim().Should().Be("Compile → Audit");
    }

    [Fact]
    public async Task Plan_TargetNamesAreCaseInsensitive()
    {
        var run = await BuildHarness.RunAsync<OrderingBuild>(["compile", "--plan"]);

        run.Output.Trim().Should().Be("Restore → Compile");
    }

    [Fact]
    public async Task Run_Cycle_FailsBeforeRunningAndNamesTheTargetsInTheCycle()
    {
        var run = await BuildHarness.RunAsync<CycleBuild>(["Unrelated"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("cycle").And.MatchRegex("(Alpha → Beta → Gamma → Alpha|Beta → Gamma → Alpha → Beta|Gamma → Alpha → Beta → Gamma)");
        run.Table.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_ReferenceToANonTargetLambda_FailsNamingTheTarget()
    {
        var run = await BuildHarness.RunAsync<UnknownReferenceBuild>(["Main"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Target 'Main'").And.Contain("not a target");
    }
}
