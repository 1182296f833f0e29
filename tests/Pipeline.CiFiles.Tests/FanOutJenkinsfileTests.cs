using Pipeline.Engine.CiFiles;

namespace Pipeline.CiFiles.Tests;

/// <summary>A fan-out stage in the Jenkinsfile: parallel stages, one per value on its own agent, stashed for the next stage.</summary>
public sealed class FanOutJenkinsfileTests
{
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];

    private readonly string _jenkinsfile = CiFileGenerator.Generate(TestDescriptions.WithFanOut())
        .Single(file => file.RelativePath == CiDescription.JenkinsfilePath).Content;

    [Fact]
    public void Generate_FanOut_IsABalancedPipelineWhoseStagesEachTakeTheirOwnAgent()
    {
        GroovyBlocks.AreBalanced(_jenkinsfile).Should().BeTrue(_jenkinsfile);
        GroovyBlocks.Block(_jenkinsfile, "pipeline")[0].Should().Be("agent none", "a pipeline-wide agent would hold the executor the parallel stages wait for");
        GroovyBlocks.Block(_jenkinsfile, "stage('Compile')").Should().Contain("agent any");
        GroovyBlocks.Block(_jenkinsfile, "stage('Deploy')").Should().Contain("agent any").And.Contain(line => line.StartsWith("beforeAgent true", StringComparison.Ordinal));
        _jenkinsfile.Should().NotContain("$", "a Groovy or shell interpolation could put a secret on a command line");
    }

    [Fact]
    public void Generate_FanOut_RunsOneParallelStagePerValueThatPassesItAndStashesItsOutput()
    {
        var images = GroovyBlocks.Block(_jenkinsfile, "stage('Images')");
        images.Should().Contain(line => line.StartsWith("tag pattern: 'v*'", StringComparison.Ordinal));
        var parallel = GroovyBlocks.Block(string.Join('\n', images), "parallel");
        parallel.Where(line => line.StartsWith("stage(", StringComparison.Ordinal)).Should().Equal(Services.Select(service => $"stage('Images {service}') {{"));
        foreach (var service in Services)
        {
            var branch = GroovyBlocks.Block(string.Join('\n', parallel), $"stage('Images {service}')");
            branch.Should().Contain("agent any");
            GroovyBlocks.Block(string.Join('\n', branch), "]) {").Should().Equal($"sh './build.sh ServiceImages --services {service}'");
            branch.Should().Contain("usernamePassword(credentialsId: 'registry', usernameVariable: 'REGISTRY_USERNAME', passwordVariable: 'REGISTRY_PASSWORD')");
            branch[^2].Should().Be($"stash name: 'Images-{service}', includes: 'artifacts/services/{service}.json'", "the output is stashed after the build ran");
        }
    }

    [Fact]
    public void Generate_StageAfterTheFanOut_UnstashesEveryValueBeforeItRuns()
    {
        var steps = GroovyBlocks.Block(string.Join('\n', GroovyBlocks.Block(_jenkinsfile, "stage('Deploy')")), "steps");

        steps.Take(3).Should().Equal(Services.Select(service => $"unstash 'Images-{service}'"));
        steps.Should().Contain("sh './build.sh ServiceManifests ServiceDeploy'");
        GroovyBlocks.Block(_jenkinsfile, "stage('Compile')").Should().NotContain(line => line.StartsWith("unstash", StringComparison.Ordinal));
    }
}
