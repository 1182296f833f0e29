using System.Text.RegularExpressions;
using Pipeline.Engine.CiFiles;

namespace Pipeline.CiFiles.Tests;

public sealed partial class JenkinsfileTests
{
    [Fact]
    public void Generate_Jenkinsfile_IsABalancedDeclarativePipelineWithTheStagesInOrder()
    {
        var jenkinsfile = Jenkinsfile(TestDescriptions.WithEverySecret());

        GroovyBlocks.AreBalanced(jenkinsfile).Should().BeTrue(jenkinsfile);
        GroovyBlocks.Block(jenkinsfile, "pipeline").Should().Contain("agent any");
        GroovyBlocks.Block(jenkinsfile, "options").Should().Contain("timeout(time: 45, unit: 'MINUTES')");
        GroovyBlocks.Block(jenkinsfile, "environment").Should().Equal("CI = 'true'", "DOTNET_CLI_TELEMETRY_OPTOUT = '1'", "DOTNET_NOLOGO = '1'");
        StageName().Matches(jenkinsfile).Select(match => match.Groups["name"].Value).Should().Equal("Build", "Test", "Ship");
    }

    [Fact]
    public void Generate_ReleaseStage_RunsOnlyForTheTagAndBindsTheSecretsJenkinsHolds()
    {
        var jenkinsfile = Jenkinsfile(TestDescriptions.WithEverySecret());

        GroovyBlocks.Block(jenkinsfile, "stage('Build')").Should().NotContain(line => line.StartsWith("when", StringComparison.Ordinal));
        GroovyBlocks.Block(jenkinsfile, "stage('Test')").Should().NotContain(line => line.StartsWith("when", StringComparison.Ordinal));
        var ship = GroovyBlocks.Block(jenkinsfile, "stage('Ship')");
        ship.Should().Contain(line => line.StartsWith("tag pattern: 'release-*', comparator: 'GLOB'", StringComparison.Ordinal));
        var bindings = GroovyBlocks.Block(string.Join('\n', ship), "]) {");
        bindings.Should().Equal("sh './build.sh Publish'");
        ship.Should().Contain(
        [
            "usernamePassword(credentialsId: 'nexus', usernameVariable: 'REGISTRY_USERNAME', passwordVariable: 'REGISTRY_PASSWORD'),",
            "file(credentialsId: 'prod-kubeconfig', variable: 'PIPELINE_KUBECONFIG'),",
            "string(credentialsId: 'nuget-api-key', variable: 'NUGET_API_KEY')",
        ]);
        jenkinsfile.Should().NotContain("GITHUB_TOKEN", "Jenkins holds no credential for it, so it is not bound");
    }

    [Fact]
    public void Generate_ShellSteps_AreSingleQuotedBuildCallsWithNothingToInterpolate()
    {
        var jenkinsfile = Jenkinsfile(TestDescriptions.WithEverySecret());

        var shellSteps = jenkinsfile.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("sh ", StringComparison.Ordinal)).ToList();

        shellSteps.Should().Equal("sh './build.sh Compile Pack'", "sh './build.sh Test'", "sh './build.sh Publish'");
        jenkinsfile.Should().NotContain("$", "a Groovy or shell interpolation could put a secret on a command line");
    }

    [Fact]
    public void Generate_StageWithoutSecrets_CallsTheBuildWithoutCredentials()
    {
        var jenkinsfile = Jenkinsfile(new CiDescription { Stages = [new CiStage("Test", "Test") { OnReleaseTag = true }] });

        GroovyBlocks.Block(jenkinsfile, "stage('Test')").Should().NotContain(line => line.StartsWith("withCredentials", StringComparison.Ordinal))
            .And.Contain("sh './build.sh Test'");
    }

    private static string Jenkinsfile(CiDescription description) =>
        CiFileGenerator.Generate(description).Single(file => file.RelativePath == CiDescription.JenkinsfilePath).Content;

    [GeneratedRegex(@"stage\('(?<name>\w+)'\)")]
    private static partial Regex StageName();
}
