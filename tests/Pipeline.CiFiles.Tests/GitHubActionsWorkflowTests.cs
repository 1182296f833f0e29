using Pipeline.Engine.CiFiles;
using YamlDotNet.RepresentationModel;

namespace Pipeline.CiFiles.Tests;

public sealed class GitHubActionsWorkflowTests
{
    [Fact]
    public void Generate_Workflow_ParsesAsYamlWithABuildJobAndATagGatedPublishJob()
    {
        var workflow = Workflow(TestDescriptions.WithEverySecret());

        workflow.Scalar("name").Should().Be("delivery");
        workflow.Map("on").Map("push").Sequence("tags").Should().Equal("release-*");
        workflow.Map("on").Children.Keys.Select(key => key.ToString()).Should().Equal("push", "pull_request");
        var jobs = workflow.Map("jobs");
        jobs.Children.Keys.Select(key => key.ToString()).Should().Equal("build", "publish");
        jobs.Map("build").Children.Keys.Select(key => key.ToString()).Should().NotContain("if", "the build job runs on every push and pull request");
        Runs(jobs.Map("build")).Should().Equal("./build.sh Compile Pack", "./build.sh Test");
        var publish = jobs.Map("publish");
        publish.Scalar("needs").Should().Be("build");
        publish.Scalar("if").Should().Be("github.event_name == 'push' && startsWith(github.ref, 'refs/tags/release-')");
        publish.Scalar("timeout-minutes").Should().Be("45");
        publish.Map("permissions").Children.Select(entry => $"{entry.Key}: {entry.Value}").Should().Equal("contents: write", "deployments: write");
    }

    [Fact]
    public void Generate_Secrets_ReachTheStepOnlyThroughItsEnvironment()
    {
        var publish = Workflow(TestDescriptions.WithEverySecret()).Map("jobs").Map("publish");
        var steps = publish.Steps();
        var ship = steps.Single(step => step.ScalarOrNull("name") == "Ship");

        ship.Scalar("run").Should().Be("./build.sh Publish");
        ship.Map("env").Children.Select(entry => $"{entry.Key}={entry.Value}").Should().Equal(
            "REGISTRY_USERNAME=${{ secrets.REGISTRY_USERNAME }}",
            "REGISTRY_PASSWORD=${{ secrets.REGISTRY_PASSWORD }}",
            "NUGET_API_KEY=${{ secrets.NUGET_KEY }}",
            "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}");
        steps.Select(step => step.ScalarOrNull("run")).OfType<string>().Should().OnlyContain(
            run => !run.Contains("${{", StringComparison.Ordinal), "an expression in run would put the secret on the command line");
    }

    [Fact]
    public void Generate_SecretFile_IsWrittenPrivatelyBeforeTheStagesAndAlwaysRemoved()
    {
        var steps = Workflow(TestDescriptions.WithEverySecret()).Map("jobs").Map("publish").Steps();
        var names = steps.Select(step => step.ScalarOrNull("name") ?? step.ScalarOrNull("uses")).ToList();

        names.Should().Equal("actions/checkout@v4", "Write prod_kubeconfig", "Ship", "Remove prod_kubeconfig");
        var write = steps[1];
        write.Map("env").Scalar("PROD_KUBECONFIG_CONTENT").Should().Be("${{ secrets.PROD_KUBECONFIG }}");
        write.Scalar("run").Should().StartWith("umask 077\n").And.Contain("echo \"PIPELINE_KUBECONFIG=$RUNNER_TEMP/prod_kubeconfig\" >> \"$GITHUB_ENV\"");
        steps[3].Scalar("if").Should().Be("always()");
        steps[3].Scalar("run").Should().Be("rm -f \"$RUNNER_TEMP/prod_kubeconfig\"");
    }

    [Fact]
    public void Generate_OnlyEveryBuildStages_WritesNoPublishJob()
    {
        var description = new CiDescription { Stages = [new CiStage("Test", "Test")] };

        var jobs = Workflow(description).Map("jobs");

        jobs.Children.Keys.Select(key => key.ToString()).Should().Equal("build");
    }

    private static YamlMappingNode Workflow(CiDescription description)
    {
        var file = CiFileGenerator.Generate(description).Single(file => file.RelativePath == description.GitHubWorkflowPath);
        file.RelativePath.Should().Be($".github/workflows/{description.Name}.yml");
        var stream = new YamlStream();
        using var reader = new StringReader(file.Content);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static IEnumerable<string> Runs(YamlMappingNode job) => job.Steps().Select(step => step.ScalarOrNull("run")).OfType<string>();
}
