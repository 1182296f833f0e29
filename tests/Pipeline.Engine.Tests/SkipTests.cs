using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class SkipTests
{
    private static readonly Dictionary<string, string> WithPassword = new() { ["REGISTRY_PASSWORD"] = "pw" };

    [Fact]
    public async Task Skip_WithNames_SkipsThoseAndRunsTheRest()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--skip", "Image", "Push"], WithPassword);

        run.ExitCode.Should().Be(0);
        run.Table.Should().Equal(
            ("Compile", "Succeeded"), ("Image", "Skipped"), ("Push", "Skipped"),
            ("CleanImages", "Succeeded"), ("Render", "Succeeded"), ("Deploy", "Succeeded"));
        run.RowOf("Push").Should().EndWith("--skip");
        run.Output.Should().NotContain("ran Push");
    }

    [Fact]
    public async Task Skip_WithoutNames_RunsOnlyTheNamedTargets()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Render", "--skip"], WithPassword);

        run.ExitCode.Should().Be(0);
        run.Table.Should().Equal(("Render", "Succeeded"));
        run.Output.Should().NotContain("ran Compile");
    }

    [Fact]
    public async Task Skip_WithoutNames_KeepsCleanupOfTheNamedTargets()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Image", "--skip", "--plan"]);

        run.Output.Trim().Should().Be("Image → (CleanImages)");
    }

    [Fact]
    public async Task Skip_SkippedTargetsAreNotCheckedForRequirements()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--skip", "Push"]);

        run.ExitCode.Should().Be(0);
        run.StatusOf("Push").Should().Be("Skipped");
    }

    [Fact]
    public async Task Skip_UnknownName_FailsWithSuggestion()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--skip", "Pussh"], WithPassword);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Unknown target 'Pussh'. Did you mean 'Push'?");
    }
}
