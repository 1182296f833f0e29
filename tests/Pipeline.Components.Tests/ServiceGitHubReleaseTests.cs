using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Engine;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Services;
using Pipeline.Services.Recording;
using Pipeline.Testing.Docker;
using Pipeline.Testing.GitHub;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

/// <summary>
/// ServiceGitHubRelease on a copy of samples/Shop, from the shipped services' records (a CI deploy job), against the GitHub
/// API TEST DOUBLE (tests/Pipeline.Testing/GitHub: a loopback server, not GitHub) and, for the deployment, a loopback
/// registry and the Kubernetes API server double.
/// </summary>
public sealed class ServiceGitHubReleaseTests(ITestOutputHelper output) : IDisposable
{
    // Shaped like a real token so a leak would be recognisable; accepted only by the double.
    private const string Token = "ghp_TestOnlyTokenForTheLoopbackDouble0123";
    private const string Repository = "octo-org/shop";
    private const string Unreachable = "127.0.0.1:5999";
    private static readonly string[] Services = ["basket-api", "catalog-api", "payments-api"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-shop-github", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ServiceGitHubRelease_FromRecords_ListsEveryServiceWithWhatWasDoneAndItsDigestAndAttachesEachManifest()
    {
        CopyShop();
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        await RecordAsync("basket-api", Unreachable, ServiceShipmentAction.Retagged, DigestOf("basket-api"));
        await RecordAsync("catalog-api", Unreachable, ServiceShipmentAction.BuiltAndPushed, DigestOf("catalog-api"));
        await RecordAsync("payments-api", Unreachable, ServiceShipmentAction.Retagged, DigestOf("payments-api"));

        var run = await RunAsync(["ServiceGitHubRelease", "--release", "2.0.0", "--registry", Unreachable], GitHubEnvironment(github));

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("ServiceGitHubRelease").Should().Be("Succeeded");
        run.StatusOf("ServiceDeploy").Should().Be("Skipped", "no cluster is configured");
        run.StatusOf("ServiceGitHubDeploymentStatus").Should().Be("Skipped");
        var release = github.State.Releases.Should().ContainSingle().Subject;
        release.TagName.Should().Be("v2.0.0");
        release.Body.Should()
            .Contain($"| basket-api | `{Unreachable}/basket-api:v2.0.0` | `{DigestOf("basket-api")}` | retagged, no upload: unchanged as recorded |")
            .And.Contain($"| catalog-api | `{Unreachable}/catalog-api:v2.0.0` | `{DigestOf("catalog-api")}` | built and pushed: changed as recorded |")
            .And.Contain($"| payments-api | `{Unreachable}/payments-api:v2.0.0` | `{DigestOf("payments-api")}` | retagged, no upload: unchanged as recorded |")
            .And.Contain($"docker pull {Unreachable}/catalog-api@{DigestOf("catalog-api")}");
        var assets = github.State.Assets(release);
        assets.Select(asset => asset.Name).Should().Equal(Services.Select(service => $"{service}.yaml"));
        foreach (var asset in assets)
        {
            asset.Content.Should().Equal(await File.ReadAllBytesAsync(Path.Combine(_root, "artifacts", "k8s", asset.Name)), "{0} is attached as ServiceManifests wrote it", asset.Name);
        }

        github.State.Deployments.Should().BeEmpty("there is no cluster to deploy to");
        github.Requests.Should().OnlyContain(request => request.HasAuthorization, "every call carries the token");
    }

    [Fact]
    public async Task ServiceGitHubRelease_RunAgainAfterAServiceWasRebuilt_UpdatesTheOneRelease()
    {
        CopyShop();
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        foreach (var service in Services)
        {
            await RecordAsync(service, Unreachable, ServiceShipmentAction.Retagged, DigestOf(service));
        }

        (await RunAsync(["ServiceGitHubRelease", "--release", "2.0.0", "--registry", Unreachable], GitHubEnvironment(github))).ExitCode.Should().Be(0);
        var rebuilt = Digest.Parse("sha256:" + new string('e', 64));
        await RecordAsync("payments-api", Unreachable, ServiceShipmentAction.BuiltAndPushed, rebuilt);

        var run = await RunAsync(["ServiceGitHubRelease", "--release", "2.0.0", "--registry", Unreachable], GitHubEnvironment(github));

        run.ExitCode.Should().Be(0, "{0}", run);
        var release = github.State.Releases.Should().ContainSingle("the second run updates the release of the tag").Subject;
        github.RequestsWith("PATCH").Should().ContainSingle().Which.Path.Should().Be($"/repos/{Repository}/releases/{release.Id}");
        release.Body.Should().Contain($"| payments-api | `{Unreachable}/payments-api:v2.0.0` | `{rebuilt}` | built and pushed: changed as recorded |")
            .And.NotContain(DigestOf("payments-api").ToString());
        github.State.Assets(release).Select(asset => asset.Name).Should().BeEquivalentTo(Services.Select(service => $"{service}.yaml"), "each manifest is replaced, not doubled");
    }

    [Fact]
    public async Task ServiceGitHubRelease_WithoutToken_IsSkippedWithTheReasonAndSendsNothing()
    {
        CopyShop();
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        foreach (var service in Services)
        {
            await RecordAsync(service, Unreachable, ServiceShipmentAction.Retagged, DigestOf(service));
        }

        var environment = GitHubEnvironment(github);
        environment.Remove("GITHUB_TOKEN");

        var run = await RunAsync(["ServiceGitHubRelease", "--release", "2.0.0", "--registry", Unreachable], environment);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("ServiceGitHubRelease").Should().Be("Skipped");
        run.RowOf("ServiceGitHubRelease").Should().Contain("no GITHUB_TOKEN");
        run.StatusOf("ServiceManifests").Should().Be("Succeeded");
        github.Requests.Should().BeEmpty("nothing is sent to GitHub without a token");
    }

    [Fact]
    public async Task PublishPlan_BuildWithGitHubReleases_PublishesTheReleaseBetweenTheManifestsAndTheDeploy()
    {
        CopyShop();

        var run = await RunAsync(["Publish", "--plan", "--release", "2.0.0"], new Dictionary<string, string>());

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Lines[0].Should().Be("ServiceImages → ServiceManifests → ServiceGitHubRelease → ServiceDeploy → (ServiceGitHubDeploymentStatus) → Publish");
    }

    [Fact]
    public async Task ServiceGitHubDeploymentStatus_ServiceDeployFailed_ReportsFailureNamingTheFailedServiceAndWhatWasRolledBack()
    {
        CopyShop();
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var github = await GitHubApiDouble.StartAsync(Token, Repository);
        // basket-api and catalog-api are in the registry, unchanged; payments-api was "built and pushed" but its tag is missing, so its pods cannot pull.
        foreach (var service in new[] { "basket-api", "catalog-api" })
        {
            await RecordAsync(service, registry.Host.ToString(), ServiceShipmentAction.Retagged, await registry.SeedImageAsync(service, "v2.0.0"));
        }

        await RecordAsync("payments-api", registry.Host.ToString(), ServiceShipmentAction.BuiltAndPushed, DigestOf("payments-api"));
        var environment = GitHubEnvironment(github);
        environment["REGISTRY_PASSWORD"] = registry.Credentials.Password!;

        var run = await RunAsync(
            ["ServiceGitHubRelease", "--release", "2.0.0", "--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!,
                "--kubeconfig", cluster.WriteKubeconfig(Path.Combine(_root, "kubeconfig")), "--namespace", "shop-staging", "--rollout-timeout", "10"],
            environment);

        run.ExitCode.Should().Be(1, "{0}", run);
        run.StatusOf("ServiceDeploy").Should().Be("Failed");
        run.StatusOf("ServiceGitHubDeploymentStatus").Should().Be("Succeeded", "it reports the failure even though ServiceDeploy failed");
        var deployment = github.State.Deployments.Should().ContainSingle().Subject;
        (deployment.Environment, deployment.Ref).Should().Be(("shop-staging", "v2.0.0"));
        deployment.Statuses.Select(status => status.State).Should().Equal("in_progress", "failure");
        deployment.Statuses[^1].Description.Should().Be("payments-api did not roll out; rolled back: payments-api; left as applied: basket-api, catalog-api");
        deployment.Statuses.Should().OnlyContain(status => status.LogUrl == $"https://github.example/{Repository}/actions/runs/4242");
        run.Output.Should().NotContain(Token).And.NotContain(registry.Credentials.Password!);
    }

    private void CopyShop()
    {
        SampleSources.CopyWithoutBuildOutput(Path.Combine(RepositoryRoot.Find(), "samples", "Shop"), _root);
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
    }

    private static Digest DigestOf(string service) => Digest.Parse("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(service))));

    private Task RecordAsync(string service, string registry, ServiceShipmentAction action, Digest digest) =>
        new ServiceRecordFolder(AbsolutePath.Create(Path.Combine(_root, "artifacts", "services"))).WriteAsync(
            new ServiceRecord(DnsLabel.Parse(service), ImageReference.Parse($"{registry}/{service}:v2.0.0@{digest}"), action,
                action == ServiceShipmentAction.BuiltAndPushed ? "changed as recorded" : "unchanged as recorded"),
            CancellationToken.None);

    /// <summary>What a workflow run on GitHub gives the build, pointed at the double.</summary>
    private Dictionary<string, string> GitHubEnvironment(GitHubApiDouble github) => new(StringComparer.Ordinal)
    {
        ["HOME"] = _root,
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? string.Empty,
        ["GITHUB_TOKEN"] = Token,
        ["GITHUB_API_URL"] = github.BaseAddress.ToString(),
        ["GITHUB_REPOSITORY"] = Repository,
        ["GITHUB_SERVER_URL"] = "https://github.example",
        ["GITHUB_RUN_ID"] = "4242",
    };

    private Task<ChainRun> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment) =>
        ChainRun.ExecuteAsync<ShopGitHubReleaseBuild>(args, _root, new Dictionary<string, string>(environment) { ["HOME"] = _root }, output, TimeSpan.FromMinutes(5));
}
