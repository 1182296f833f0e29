using k8s;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

/// <summary>The many-services Publish end to end on a copy of samples/Shop, a loopback registry and the API server double.</summary>
public sealed class ServiceDeployRollbackTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Namespace = "shop-roll";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-shop-deploy", Guid.NewGuid().ToString("N"));
    private RegistryServer _registry = null!;
    private ApiServerDouble _cluster = null!;

    public async Task InitializeAsync()
    {
        SampleSources.CopyWithoutBuildOutput(Path.Combine(RepositoryRoot.Find(), "samples", "Shop"), _root);
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        _cluster = await ApiServerDouble.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _registry.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Publish_ChangedServiceNeverReady_RollsBackOnlyTheChangedServices()
    {
        var first = await RunAsync<ShopReleaseBuild>("1.0.0");
        first.ExitCode.Should().Be(0, "{0}", first);
        var program = Path.Combine(_root, "src", "Payments.Api", "Program.cs");
        await File.AppendAllTextAsync(program, "\n// a one-line change\n");

        var second = await RunAsync<ShopNeverReadyPaymentsBuild>("2.0.0", "--rollout-timeout", "5");

        second.ExitCode.Should().Be(1, "{0}", second);
        second.StatusOf("ServiceDeploy").Should().Be("Failed");
        second.SummaryValue("Release payments-api").Should().Contain("built and pushed").And.Contain("payments-api: rolled back");
        second.SummaryValue("Release basket-api").Should().Contain("retagged, no upload").And.Contain("not rolled back: unchanged in this release");
        second.Output.Should().NotContain(_registry.Credentials.Password!);
        using var client = new Kubernetes(_cluster.ClientConfiguration());
        (await ImageOfAsync(client, "payments-api")).Should().Be($"{_registry.Host}/payments-api:v1.0.0", "the changed service returns to its previous revision");
        (await ImageOfAsync(client, "basket-api")).Should().Be($"{_registry.Host}/basket-api:v2.0.0", "an unchanged service keeps what this release applied");
        (await ImageOfAsync(client, "catalog-api")).Should().Be($"{_registry.Host}/catalog-api:v2.0.0");
    }

    private static async Task<string> ImageOfAsync(Kubernetes client, string service) =>
        (await client.AppsV1.ReadNamespacedDeploymentAsync(service, Namespace)).Spec.Template.Spec.Containers.Single().Image;

    private async Task<ChainRun> RunAsync<TBuild>(string release, params string[] more)
        where TBuild : PipelineBuild, new()
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _root,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? string.Empty,
            ["REGISTRY_PASSWORD"] = _registry.Credentials.Password!,
        };
        return await ChainRun.ExecuteAsync<TBuild>(
            ["Publish", "--release", release, "--registry", _registry.Host.ToString(), "--registry-username", _registry.Credentials.Username!, "--base-image", "local",
                "--kubeconfig", _cluster.WriteKubeconfig(Path.Combine(_root, "kubeconfig")), "--namespace", Namespace, .. more],
            _root, environment, output, TimeSpan.FromMinutes(10));
    }
}
