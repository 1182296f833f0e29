using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Cluster.Tests;

public sealed class ClusterResolverTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ResolveAsync_PrefersKubeconfigOptionOverEnvironmentAndHome()
    {
        var option = Kubeconfigs.Write(_temp.File("option.yaml"), "from-option", "https://127.0.0.1:6001");
        var variable = Kubeconfigs.Write(_temp.File("env.yaml"), "from-env", "https://127.0.0.1:6002");
        Kubeconfigs.Write(_temp.File("home/.kube/config"), "from-home", "https://127.0.0.1:6003");
        var resolver = Resolver(new() { ["KUBECONFIG"] = variable });

        var resolution = await resolver.ResolveAsync(new ClusterRequest(option));

        resolution.Source.Should().Be(ClusterSource.KubeconfigOption);
        resolution.Configuration!.Host.Should().Be("https://127.0.0.1:6001");
        resolution.Description.Should().Contain("from-option");
    }

    [Fact]
    public async Task ResolveAsync_UsesKubeconfigVariableBeforeHome()
    {
        var variable = Kubeconfigs.Write(_temp.File("env.yaml"), "from-env", "https://127.0.0.1:6002");
        Kubeconfigs.Write(_temp.File("home/.kube/config"), "from-home", "https://127.0.0.1:6003");

        var resolution = await Resolver(new() { ["KUBECONFIG"] = variable }).ResolveAsync(new ClusterRequest());

        resolution.Source.Should().Be(ClusterSource.KubeconfigEnvironment);
        resolution.Configuration!.Host.Should().Be("https://127.0.0.1:6002");
    }

    [Fact]
    public async Task ResolveAsync_MergesKubeconfigListAndSelectsRequestedContext()
    {
        var first = Kubeconfigs.Write(_temp.File("a.yaml"), "alpha", "https://127.0.0.1:6011");
        var second = Kubeconfigs.Write(_temp.File("b.yaml"), "beta", "https://127.0.0.1:6012");
        var missing = _temp.File("not-there.yaml");
        var resolver = Resolver(new() { ["KUBECONFIG"] = string.Join(Path.PathSeparator, missing, first, second) });

        var current = await resolver.ResolveAsync(new ClusterRequest());
        var beta = await resolver.ResolveAsync(new ClusterRequest(Context: "beta"));

        current.Configuration!.Host.Should().Be("https://127.0.0.1:6011", "the first file's current-context wins");
        beta.Configuration!.Host.Should().Be("https://127.0.0.1:6012");
    }

    [Fact]
    public async Task ResolveAsync_FallsBackToHomeKubeconfig()
    {
        Kubeconfigs.Write(_temp.File("home/.kube/config"), "from-home", "https://127.0.0.1:6003");

        var resolution = await Resolver([]).ResolveAsync(new ClusterRequest());

        resolution.Source.Should().Be(ClusterSource.HomeKubeconfig);
        resolution.Configuration!.Host.Should().Be("https://127.0.0.1:6003");
    }

    [Fact]
    public async Task ResolveAsync_UsesServiceAccountWhenNoKubeconfigExists()
    {
        File.WriteAllText(_temp.File("token"), "service-account-token");
        File.WriteAllText(_temp.File("namespace"), "team\n");
        var resolver = Resolver(new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" });

        var resolution = await resolver.ResolveAsync(new ClusterRequest());

        resolution.Source.Should().Be(ClusterSource.InCluster);
        resolution.Configuration!.Host.Should().Be("https://10.96.0.1:443");
        resolution.Configuration.Namespace.Should().Be("team");
        resolution.Configuration.TokenProvider.Should().NotBeNull();
        resolution.Description.Should().NotContain("service-account-token");
    }

    [Fact]
    public async Task ResolveAsync_ReportsSkipReasonWhenNothingIsConfigured()
    {
        // Service host variables without a token file are not a service account.
        var resolver = Resolver(new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" });

        var resolution = await resolver.ResolveAsync(new ClusterRequest { Inputs = new StageInputNames { Kubeconfig = "--kubeconfig" } });

        resolution.IsConfigured.Should().BeFalse();
        resolution.SkipReason.Should().Be(
            "no cluster configured (none of --kubeconfig, KUBECONFIG, ~/.kube/config or an in-cluster service account)");
    }

    [Fact]
    public async Task ResolveAsync_FailsWhenKubeconfigOptionNamesMissingFile()
    {
        var missing = _temp.File("missing.yaml");

        var act = () => Resolver([]).ResolveAsync(new ClusterRequest(missing));

        (await act.Should().ThrowAsync<ClusterException>())
            .Which.Should().Match<ClusterException>(e => e.Kind == ClusterFailureKind.KubeconfigNotFound && e.Message.Contains(missing));
    }

    [Fact]
    public async Task ResolveAsync_FailsWithKnownContextsWhenContextIsUnknown()
    {
        var path = Kubeconfigs.Write(_temp.File("a.yaml"), "alpha", "https://127.0.0.1:6011");

        var act = () => Resolver([]).ResolveAsync(new ClusterRequest(path, "gamma"));

        (await act.Should().ThrowAsync<ClusterException>())
            .Which.Should().Match<ClusterException>(e => e.Kind == ClusterFailureKind.ContextNotFound
                && e.Message.Contains("'gamma'") && e.Message.Contains("'alpha'"));
    }

    private ClusterResolver Resolver(Dictionary<string, string> environment) =>
        new(ProcessEnvironment.From(environment), _temp.File("home"), new InClusterPaths(_temp.File("token"), _temp.File("ca.crt"), _temp.File("namespace")));
}
