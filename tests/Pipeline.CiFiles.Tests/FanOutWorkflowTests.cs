using Pipeline.Engine.CiFiles;
using YamlDotNet.RepresentationModel;

namespace Pipeline.CiFiles.Tests;

/// <summary>A fan-out stage in the GitHub workflow: a matrix job per value, its outputs handed to the job after it.</summary>
public sealed class FanOutWorkflowTests
{
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];

    [Fact]
    public void Generate_FanOutStage_IsAMatrixJobBetweenTheBuildAndThePublishJob()
    {
        var jobs = Workflow(TestDescriptions.WithFanOut()).Map("jobs");

        jobs.Children.Keys.Select(key => key.ToString()).Should().Equal("build", "images", "publish");
        var images = jobs.Map("images");
        images.Scalar("needs").Should().Be("build");
        images.Scalar("if").Should().Be("github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')");
        images.Scalar("name").Should().Be("Images (${{ matrix.services }})");
        images.Map("strategy").Scalar("fail-fast").Should().Be("false", "one service's failure must not cancel the others' pushes");
        images.Map("strategy").Map("matrix").Sequence("services").Should().Equal(Services);
        jobs.Map("publish").Scalar("needs").Should().Be("images", "the deploy waits for every service's job");
    }

    [Fact]
    public void Generate_FanOutJob_PassesTheValueAsTheParameterAndUploadsItsOutputUnderANamePerValue()
    {
        var steps = Workflow(TestDescriptions.WithFanOut()).Map("jobs").Map("images").Steps();

        steps.Select(step => step.ScalarOrNull("name") ?? step.ScalarOrNull("uses")).Should().Equal(
            "actions/checkout@v4", "Images", "Hand on artifacts/services/${{ matrix.services }}.json");
        steps[1].Scalar("run").Should().Be("./build.sh ServiceImages --services ${{ matrix.services }}");
        steps[1].Map("env").Children.Keys.Select(key => key.ToString()).Should().Equal("REGISTRY_USERNAME", "REGISTRY_PASSWORD");
        var upload = steps[2];
        upload.Scalar("uses").Should().Be("actions/upload-artifact@v4");
        upload.Map("with").Scalar("name").Should().Be("Images-${{ matrix.services }}", "each value's artifact has its own name");
        upload.Map("with").Scalar("path").Should().Be("artifacts/services/${{ matrix.services }}.json");
        upload.Map("with").Scalar("if-no-files-found").Should().Be("error", "a run that wrote no record must not pass as handed on");
    }

    [Fact]
    public void Generate_JobAfterTheFanOut_DownloadsEveryValuesOutputIntoOneFolderBeforeItsStages()
    {
        var steps = Workflow(TestDescriptions.WithFanOut()).Map("jobs").Map("publish").Steps();

        steps.Select(step => step.ScalarOrNull("name") ?? step.ScalarOrNull("uses")).Should().Equal(
            "actions/checkout@v4", "Receive Images's outputs", "Write kubeconfig", "Deploy", "Remove kubeconfig");
        var download = steps[1];
        download.Scalar("uses").Should().Be("actions/download-artifact@v4");
        download.Map("with").Scalar("pattern").Should().Be("Images-*");
        download.Map("with").Scalar("path").Should().Be("artifacts/services");
        download.Map("with").Scalar("merge-multiple").Should().Be("true", "the records land side by side, not in a folder per artifact");
        steps[3].Scalar("run").Should().Be("./build.sh ServiceManifests ServiceDeploy");
        Workflow(TestDescriptions.WithFanOut()).Map("jobs").Map("build").Steps().Should().NotContain(
            step => step.ScalarOrNull("uses") == "actions/download-artifact@v4", "only the job after the fan-out receives its outputs");
    }

    private static YamlMappingNode Workflow(CiDescription description)
    {
        var file = CiFileGenerator.Generate(description).Single(file => file.RelativePath == description.GitHubWorkflowPath);
        var stream = new YamlStream();
        using var reader = new StringReader(file.Content);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
