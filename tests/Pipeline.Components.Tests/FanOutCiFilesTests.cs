using Pipeline.Components.Tests.Builds;
using Pipeline.Engine;
using Pipeline.Testing.Docker;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Components.Tests;

/// <summary>
/// GenerateCiFiles of a many-services build (<see cref="IFanOutServices"/>) in a copy of samples/Shop: one image job per
/// service found, and the drift check failing once a service is added without regenerating.
/// </summary>
public sealed class FanOutCiFilesTests : IDisposable
{
    private const string Workflow = ".github/workflows/ci.yml";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-shop-ci", Guid.NewGuid().ToString("N"));

    public FanOutCiFilesTests()
    {
        SampleSources.CopyWithoutBuildOutput(Path.Combine(RepositoryRoot.Find(), "samples", "Shop"), _root);
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task GenerateCiFiles_ThreeServices_WritesOneImageJobPerServiceThenOneDeployJobAndChecksClean()
    {
        var (exitCode, output) = await RunAsync("GenerateCiFiles");

        exitCode.Should().Be(0, output);
        var jobs = Jobs();
        jobs.Children.Keys.Select(key => key.ToString()).Should().Equal("images", "publish");
        Matrix(jobs).Should().Equal("basket-api", "catalog-api", "payments-api");
        var imageRun = Steps(jobs, "images").Select(step => Scalar(step, "run")).OfType<string>().Single();
        imageRun.Should().Be("./build.sh ServiceImages --services ${{ matrix.services }}");
        Steps(jobs, "images").Should().Contain(step => Scalar(step, "name") == "Hand on artifacts/services/${{ matrix.services }}.json");
        Steps(jobs, "publish").Select(step => Scalar(step, "run")).OfType<string>().Should().Contain("./build.sh ServiceManifests ServiceDeploy");
        var jenkinsfile = await File.ReadAllTextAsync(Path.Combine(_root, "Jenkinsfile"));
        foreach (var service in new[] { "basket-api", "catalog-api", "payments-api" })
        {
            jenkinsfile.Should().Contain($"sh './build.sh ServiceImages --services {service}'")
                .And.Contain($"stash name: 'Images-{service}', includes: 'artifacts/services/{service}.json'")
                .And.Contain($"unstash 'Images-{service}'");
        }

        var check = await RunAsync("GenerateCiFiles", "--check");
        check.ExitCode.Should().Be(0, check.Output);
        check.Output.Should().Contain($"{Workflow} and Jenkinsfile match the build definition");
    }

    [Fact]
    public async Task GenerateCiFiles_BuildWithGitHubReleases_PublishesTheReleaseInTheDeployJobWithTheRunsToken()
    {
        var (exitCode, output) = await RunAsync<FanOutShopGitHubReleaseBuild>("GenerateCiFiles");

        exitCode.Should().Be(0, output);
        var jobs = Jobs();
        Steps(jobs, "publish").Select(step => Scalar(step, "run")).OfType<string>().Should().Contain("./build.sh ServiceManifests ServiceGitHubRelease ServiceDeploy");
        var workflow = await File.ReadAllTextAsync(Path.Combine(_root, Workflow));
        workflow.Should().Contain("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}").And.Contain("contents: write").And.Contain("deployments: write");
        (await File.ReadAllTextAsync(Path.Combine(_root, "Jenkinsfile"))).Should().Contain("sh './build.sh ServiceManifests ServiceGitHubRelease ServiceDeploy'");
    }

    [Fact]
    public async Task GenerateCiFilesCheck_AfterAServiceIsAdded_FailsNamingBothFilesAndTheFixUntilRegenerated()
    {
        (await RunAsync("GenerateCiFiles")).ExitCode.Should().Be(0);
        AddService("Payments.Api", "Refunds.Api");

        var (exitCode, output) = await RunAsync("GenerateCiFiles", "--check");

        exitCode.Should().Be(1, output);
        output.Should().Contain($"{Workflow} differs from line")
            .And.Contain("refunds-api")
            .And.Contain("Jenkinsfile differs from line")
            .And.Contain("Run ./build.sh GenerateCiFiles and commit the result.");
        (await RunAsync("GenerateCiFiles")).ExitCode.Should().Be(0);
        Matrix(Jobs()).Should().Equal("basket-api", "catalog-api", "payments-api", "refunds-api");
        (await RunAsync("GenerateCiFiles", "--check")).ExitCode.Should().Be(0, "the regenerated files hold the fourth service");
    }

    // A project with a Dockerfile beside it is a service (ServiceCatalog.Discover).
    private void AddService(string from, string name)
    {
        var source = Path.Combine(_root, "src", from);
        var target = Path.Combine(_root, "src", name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var fileName = Path.GetFileName(file).Replace(from, name, StringComparison.Ordinal);
            File.Copy(file, Path.Combine(target, fileName));
        }
    }

    private YamlMappingNode Jobs()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(_root, Workflow)));
        stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode).Children[new YamlScalarNode("jobs")];
    }

    private static IEnumerable<string?> Matrix(YamlMappingNode jobs)
    {
        var matrix = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)jobs.Children[new YamlScalarNode("images")]).Children[new YamlScalarNode("strategy")]).Children[new YamlScalarNode("matrix")];
        return ((YamlSequenceNode)matrix.Children[new YamlScalarNode("services")]).Children.Select(value => ((YamlScalarNode)value).Value);
    }

    private static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode jobs, string job) =>
        [.. ((YamlSequenceNode)((YamlMappingNode)jobs.Children[new YamlScalarNode(job)]).Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>()];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync<FanOutShopBuild>(args);

    private async Task<(int ExitCode, string Output)> RunAsync<TBuild>(params string[] args)
        where TBuild : PipelineBuild, new()
    {
        using var output = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<TBuild>(args, new BuildHostContext
        {
            Output = output,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = _root },
            WorkingDirectory = _root,
        });
        return (exitCode, output.ToString());
    }
}
