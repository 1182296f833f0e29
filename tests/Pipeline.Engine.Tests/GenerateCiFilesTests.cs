using Pipeline.Engine.Tests.Builds;
using Pipeline.Engine.Tests.Support;

namespace Pipeline.Engine.Tests;

public sealed class GenerateCiFilesTests
{
    [Fact]
    public async Task GenerateCiFiles_TwiceInARow_WritesBothFilesThenFindsThemUpToDate()
    {
        using var root = new TemporaryDirectory();

        var first = await BuildHarness.RunAsync<CiFilesBuild>(["GenerateCiFiles"], root: root);
        var second = await BuildHarness.RunAsync<CiFilesBuild>(["GenerateCiFiles"], root: root);

        first.ExitCode.Should().Be(0, first.Output);
        first.Output.Should().Contain("Wrote .github/workflows/ci.yml").And.Contain("Wrote Jenkinsfile");
        second.Output.Should().Contain(".github/workflows/ci.yml is up to date").And.Contain("Jenkinsfile is up to date");
        var jenkinsfile = await File.ReadAllTextAsync(Path.Combine(root.Path, "Jenkinsfile"));
        jenkinsfile.Should().Contain("string(credentialsId: 'registry-password', variable: 'REGISTRY_PASSWORD')");
        (await File.ReadAllTextAsync(Path.Combine(root.Path, ".github", "workflows", "ci.yml"))).Should().Contain("REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}");
    }

    [Fact]
    public async Task GenerateCiFilesCheck_WithoutCommittedFiles_FailsNamingEachAndWritesNothing()
    {
        using var root = new TemporaryDirectory();

        var run = await BuildHarness.RunAsync<CiFilesBuild>(["GenerateCiFiles", "--check"], root: root);

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().Contain(".github/workflows/ci.yml is missing; Jenkinsfile is missing").And.Contain("Run ./build.sh GenerateCiFiles");
        Directory.EnumerateFileSystemEntries(root.Path).Select(Path.GetFileName).Should().Equal([".pipeline"], "--check writes nothing");
    }

    [Fact]
    public async Task GenerateCiFilesCheck_FromTheEnvironment_ChecksInsteadOfWriting()
    {
        using var root = new TemporaryDirectory();

        var run = await BuildHarness.RunAsync<CiFilesBuild>(["GenerateCiFiles"], new Dictionary<string, string> { ["PIPELINE_CHECK_CI_FILES"] = "true" }, root);

        run.ExitCode.Should().Be(1, run.Output);
        File.Exists(Path.Combine(root.Path, "Jenkinsfile")).Should().BeFalse();
    }

    [Fact]
    public async Task GenerateCiFiles_StageWithAnUndeclaredTarget_FailsNamingItAndWritesNothing()
    {
        using var root = new TemporaryDirectory();

        var run = await BuildHarness.RunAsync<UnknownCiTargetBuild>(["GenerateCiFiles"], root: root);

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().Contain("the CI stage 'Test' runs target 'Tset', which this build does not declare: use one of GenerateCiFiles, Test");
        File.Exists(Path.Combine(root.Path, "Jenkinsfile")).Should().BeFalse();
    }
}
