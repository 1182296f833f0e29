using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;

namespace Pipeline.Components.Tests;

/// <summary>ServiceImages end to end on a copy of samples/Shop and a loopback registry: the summary's rows per service.</summary>
public sealed class ServiceImagesTargetTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-shop-target", Guid.NewGuid().ToString("N"));
    private RegistryServer _registry = null!;

    public async Task InitializeAsync()
    {
        SampleSources.CopyWithoutBuildOutput(Path.Combine(RepositoryRoot.Find(), "samples", "Shop"), _root);
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ServiceImages_FirstThenNothingChanged_SummarisesEachServiceBuiltThenRetagged()
    {
        var first = await RunAsync("1.0.0");
        var second = await RunAsync("2.0.0");

        first.ExitCode.Should().Be(0, "{0}", first);
        second.ExitCode.Should().Be(0, "{0}", second);
        foreach (var service in Services)
        {
            first.SummaryValue($"Service {service}").Should().StartWith($"built and pushed {_registry.Host}/{service}:v1.0.0@sha256:").And.Contain("(changed: no image in");
            second.SummaryValue($"Service {service}").Should().StartWith($"retagged {_registry.Host}/{service}:v2.0.0@sha256:").And.Contain(", no upload (unchanged: src-");
            Digest(second, service).Should().Be(Digest(first, service), "{0}'s image is the same, only tagged again", service);
        }
    }

    // The release image's digest: the first sha256 in the row (the decision's content tag follows it).
    private static string Digest(ChainRun run, string service) =>
        System.Text.RegularExpressions.Regex.Match(run.SummaryValue($"Service {service}")!, "@(sha256:[0-9a-f]{64})").Groups[1].Value;

    private async Task<ChainRun> RunAsync(string release)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _root,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? string.Empty,
            ["REGISTRY_PASSWORD"] = _registry.Credentials.Password!,
        };
        return await ChainRun.ExecuteAsync<ShopBuild>(
            ["ServiceImages", "--release", release, "--registry", _registry.Host.ToString(), "--registry-username", _registry.Credentials.Username!, "--base-image", "local"],
            _root, environment, output, TimeSpan.FromMinutes(10));
    }
}
