using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class ExecutionTests
{
    private static readonly Dictionary<string, string> WithPassword = new() { ["REGISTRY_PASSWORD"] = "pw" };

    [Fact]
    public async Task Execute_DefaultTarget_RunsTheChainInOrderAndExitsZero()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>([], WithPassword);

        run.ExitCode.Should().Be(0);
        run.Table.Select(row => row.Target).Should().Equal("Compile", "Image", "Push", "CleanImages", "Render", "Deploy");
        run.Table.Should().OnlyContain(row => row.Status == "Succeeded");
        var ran = run.Lines.Where(line => line.StartsWith("ran ", StringComparison.Ordinal)).Select(line => line.Split(' ')[1]);
        ran.Should().Equal("Compile", "Image", "Push", "CleanImages", "Render", "Deploy");
        run.Output.Should().Contain("Build succeeded.");
    }

    [Fact]
    public async Task Execute_Failure_MarksLaterTargetsNotRunButRunsAlwaysAfterTargets()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--fail-push"], WithPassword);

        run.ExitCode.Should().Be(1);
        run.Table.Should().Equal(
            ("Compile", "Succeeded"), ("Image", "Succeeded"), ("Push", "Failed"),
            ("CleanImages", "Succeeded"), ("Render", "NotRun"), ("Deploy", "NotRun"));
        run.RowOf("Push").Should().EndWith("registry refused the push");
        run.Output.Should().Contain("ran CleanImages").And.Contain("Build failed.");
    }

    [Fact]
    public async Task Execute_FailureBeforeAnyAnchorStarted_DoesNotRunTheCleanup()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy", "--fail-compile"], WithPassword);

        run.ExitCode.Should().Be(1);
        run.StatusOf("Compile").Should().Be("Failed");
        run.StatusOf("CleanImages").Should().Be("NotRun");
    }

    [Fact]
    public async Task Execute_Cancelled_CancelsTheRunningTargetRunsCleanupWithAFreshTokenAndExits130()
    {
        using var cancellation = new CancellationTokenSource();
        using var output = new CancelOnLineWriter("push waiting", cancellation);

        var run = await BuildHarness.RunAsync<ChainBuild>(
            ["Deploy", "--hang-push"], WithPassword, output: output, cancellation: cancellation.Token);

        run.ExitCode.Should().Be(130);
        run.Table.Should().Equal(
            ("Compile", "Succeeded"), ("Image", "Succeeded"), ("Push", "Cancelled"),
            ("CleanImages", "Succeeded"), ("Render", "NotRun"), ("Deploy", "NotRun"));
        run.Output.Should().Contain("ran CleanImages (token cancelled: False)").And.Contain("Build cancelled.");
    }

    [Fact]
    public async Task Execute_CancelledBeforeStart_RunsNothingAndExits130()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy"], WithPassword, cancellation: cancellation.Token);

        run.ExitCode.Should().Be(130);
        run.Table.Should().OnlyContain(row => row.Status == "NotRun");
    }

    [Fact]
    public async Task Execute_OnlyWhenFalse_SkipsWithReasonAndDependentsStillRun()
    {
        var run = await BuildHarness.RunAsync<ConditionsBuild>(["Release", "--skip-docs"]);

        run.ExitCode.Should().Be(0);
        run.StatusOf("Docs").Should().Be("Skipped");
        run.RowOf("Docs").Should().EndWith("docs are disabled");
        run.StatusOf("Release").Should().Be("Succeeded");
        run.Output.Should().NotContain("ran Docs").And.Contain("ran Release");
    }

    [Fact]
    public async Task Execute_OnlyWhen_IsEvaluatedRightBeforeTheTargetRuns()
    {
        var run = await BuildHarness.RunAsync<ConditionsBuild>(["Deploy"]);

        run.StatusOf("Deploy").Should().Be("Succeeded");
        run.Output.Should().Contain("ran Deploy");
    }

    [Fact]
    public async Task Execute_TargetSkippedException_MarksSkippedWithItsReason()
    {
        var run = await BuildHarness.RunAsync<ConditionsBuild>([]);

        run.ExitCode.Should().Be(0);
        run.StatusOf("Image").Should().Be("Skipped");
        run.RowOf("Image").Should().EndWith("orders-api:v3.2.1 already in the registry with the same content");
        run.StatusOf("Release").Should().Be("Succeeded");
    }

    [Fact]
    public async Task Execute_MissingRequiredParameter_FailsBeforeAnyTargetRunsNamingFlagAndVariable()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deploy"]);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("--registry-password (environment variable REGISTRY_PASSWORD), required by Push");
        run.Output.Should().NotContain("ran Compile");
        run.Table.Should().BeEmpty();
    }

    [Fact]
    public async Task Execute_EmptyEnvironmentVariable_CountsAsMissing()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Push"], new() { ["REGISTRY_PASSWORD"] = "" });

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("REGISTRY_PASSWORD");
    }

    [Fact]
    public async Task Execute_UnknownTarget_Exits2WithClosestMatch()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(["Deplyo"], WithPassword);

        run.ExitCode.Should().Be(2);
        run.Output.Should().Contain("Unknown target 'Deplyo'. Did you mean 'Deploy'?");
        run.Table.Should().BeEmpty();
    }

    [Fact]
    public async Task Execute_Jenkins_GroupsWithRulesAndNoColours()
    {
        var run = await BuildHarness.RunAsync<ChainBuild>(
            ["Compile"], new() { ["JENKINS_URL"] = "http://127.0.0.1:8080/" }, isTerminal: true);

        run.Output.Should().Contain("──── Compile ────").And.NotContain("\u001b[").And.NotContain("::group::");
    }

    [Fact]
    public async Task Execute_Terminal_UsesColoursUnlessNoColorIsSet()
    {
        (await BuildHarness.RunAsync<ChainBuild>(["Compile"], isTerminal: true)).Output.Should().Contain("\u001b[");
        (await BuildHarness.RunAsync<ChainBuild>(["Compile"], new() { ["NO_COLOR"] = "1" }, isTerminal: true)).Output.Should().NotContain("\u001b[");
    }
}
