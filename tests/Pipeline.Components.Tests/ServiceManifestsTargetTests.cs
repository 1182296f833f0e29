using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Services;
using Pipeline.Services.Recording;
using Pipeline.Testing.Docker;

namespace Pipeline.Components.Tests;

/// <summary>ServiceManifests in a run without ServiceImages (a CI deploy job): it renders from the shipped services' records, or refuses before anything runs.</summary>
public sealed class ServiceManifestsTargetTests : IDisposable
{
    private const string Registry = "127.0.0.1:5999";
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-shop-manifests", Guid.NewGuid().ToString("N"));

    public ServiceManifestsTargetTests()
    {
        SampleSources.CopyWithoutBuildOutput(Path.Combine(RepositoryRoot.Find(), "samples", "Shop"), _root);
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ServiceManifests_FromRecords_RendersEachServiceWithItsRecordedDigest()
    {
        foreach (var service in Services)
        {
            await RecordAsync(service, "v2.0.0");
        }

        var run = await RunAsync("ServiceManifests", "--release", "2.0.0", "--registry", Registry);

        run.ExitCode.Should().Be(0, "{0}", run);
        foreach (var service in Services)
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(_root, "artifacts", "k8s", $"{service}.yaml"));
            yaml.Should().Contain($"image: {Registry}/{service}:v2.0.0").And.Contain(DigestOf(service), "{0} runs the image its record pins", service);
        }
    }

    [Fact]
    public async Task ServiceManifests_ServiceWithoutRecord_IsRefusedNamingItBeforeAnythingRuns()
    {
        await RecordAsync("basket-api", "v2.0.0");
        await RecordAsync("catalog-api", "v2.0.0");

        var run = await RunAsync("ServiceManifests", "--release", "2.0.0", "--registry", Registry);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("no record of the shipped image of payments-api in").And.Contain("run ServiceImages --services payments-api first");
        Directory.Exists(Path.Combine(_root, "artifacts", "k8s")).Should().BeFalse("nothing is rendered when a service has no image");
    }

    [Fact]
    public async Task ServiceManifests_RecordOfAnotherRelease_IsRefusedBeforeAnythingRuns()
    {
        foreach (var service in Services)
        {
            await RecordAsync(service, service == "catalog-api" ? "v1.0.0" : "v2.0.0");
        }

        var run = await RunAsync("ServiceManifests", "--release", "2.0.0", "--registry", Registry);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain($"holds {Registry}/catalog-api:v1.0.0@").And.Contain($"not {Registry}/catalog-api:v2.0.0");
        Directory.Exists(Path.Combine(_root, "artifacts", "k8s")).Should().BeFalse();
    }

    private static string DigestOf(string service) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(service)));

    private Task RecordAsync(string service, string tag) =>
        new ServiceRecordFolder(AbsolutePath.Create(Path.Combine(_root, "artifacts", "services"))).WriteAsync(
            new ServiceRecord(DnsLabel.Parse(service), ImageReference.Parse($"{Registry}/{service}:{tag}@{DigestOf(service)}"), ServiceShipmentAction.Retagged, "unchanged: src-…"),
            CancellationToken.None);

    private async Task<ChainRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<ShopReleaseBuild>(args, new BuildHostContext
        {
            Output = output,
            Environment = new Dictionary<string, string> { ["HOME"] = _root },
            WorkingDirectory = _root,
        });
        return new ChainRun(exitCode, output.ToString());
    }
}
