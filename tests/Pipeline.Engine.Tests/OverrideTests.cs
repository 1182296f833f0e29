using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class OverrideTests
{
    [Fact]
    public async Task Plan_ClassPropertyReplacesTheComponentTargetForEveryDependent()
    {
        var run = await BuildHarness.RunAsync<OverridingBuild>(["Deploy", "--plan"]);

        run.Output.Trim().Should().Be("Render → Deploy");
    }

    [Fact]
    public async Task Run_ExplicitInterfaceImplementation_IsTheTargetOtherComponentsDependOn()
    {
        var run = await BuildHarness.RunAsync<OverridingBuild>(["Push"], new() { ["REGISTRY_PASSWORD"] = "pw" });

        run.ExitCode.Should().Be(0);
        run.Table.Select(row => row.Target).Should().Equal("Image", "Push");
        run.Output.Should().Contain("ran custom Image").And.NotContain("ran Image");
    }
}
