using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class ValidationTests
{
    [Fact]
    public async Task Validates_FailingChecks_Exit2WithEveryProblemBeforeAnyTargetRuns()
    {
        var run = await BuildHarness.RunAsync<ValidatingBuild>(["--mode", "bad", "--size", "huge"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("--mode 'bad' is not a mode: write --mode good")
            .And.Contain("--size 'huge' is too big: write --size small");
        run.Output.Should().NotContain("ran Prepare", "the checks run before the first target");
    }

    [Fact]
    public async Task Validates_PassingChecks_RunTheTargets()
    {
        var run = await BuildHarness.RunAsync<ValidatingBuild>([]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("ran Prepare").And.Contain("ran Ship");
    }

    [Fact]
    public async Task Validates_SkippedTarget_IsNotChecked()
    {
        var run = await BuildHarness.RunAsync<ValidatingBuild>(["--mode", "bad", "--skip", "Ship"]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("ran Prepare");
    }

    [Fact]
    public async Task Plan_ShowsThePlanAndEveryProblem()
    {
        var run = await BuildHarness.RunAsync<ValidatingBuild>(["--plan", "--size", "huge"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("Prepare → Ship").And.Contain("--size 'huge' is too big");
        run.Output.Should().NotContain("ran Prepare");
    }

    [Fact]
    public async Task Bind_SeveralBadValues_AreReportedTogether()
    {
        var run = await BuildHarness.RunAsync<ParametersBuild>(["--retries", "-1", "--service-port", "0", "--configuration", "Relase"]);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain("--retries (from the command line): '-1' is out of range: give a whole number from 0 to 10.")
            .And.Contain("--service-port (from the command line): '0' is not a valid Port.")
            .And.Contain("--configuration (from the command line): 'Relase' is not a valid Debug|Release.");
        run.Output.Should().NotContain("bound ");
    }

    [Fact]
    public async Task Bind_MustExistPathThatDoesNotExist_NamesTheFlagThePathAndTheFix()
    {
        using var root = new TemporaryDirectory();

        var run = await BuildHarness.RunAsync<ParametersBuild>(["--settings-file", "absent.json"], root: root);

        run.ExitCode.Should().Be(2, run.Output);
        run.Output.Should().Contain($"--settings-file (from the command line): 'absent.json' does not exist ({Path.Combine(root.Path, "absent.json")}): give the path of an existing file.");
    }

    [Fact]
    public async Task Validates_ChecksRunSideBySide()
    {
        var run = await BuildHarness.RunAsync<ConcurrentChecksBuild>([]);

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().NotContain("the second check did not start");
    }
}
