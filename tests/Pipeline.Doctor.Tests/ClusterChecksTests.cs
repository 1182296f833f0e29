using k8s;
using k8s.Models;
using Pipeline.Cluster;
using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Testing.Registries;

namespace Pipeline.Doctor.Tests;

// The API server is Pipeline's loopback test double; the registry the Secret's credentials are checked against is real.
public sealed class ClusterChecksTests : IAsyncLifetime
{
    private const string SecretName = "regcred";
    private readonly string _namespace = $"doctor-{Guid.NewGuid().ToString("N")[..8]}";
    private KubeApiServerDouble.KubeApiServerDouble _cluster = null!;
    private RegistryServer _registry = null!;

    public async Task InitializeAsync()
    {
        _cluster = await KubeApiServerDouble.KubeApiServerDouble.StartAsync();
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private ImageReference Image => ImageReference.Create(_registry.Host, "orders-api", "v1.0.0");

    private string Secret => $"{_namespace}/{SecretName}";

    [Fact]
    public async Task RunAsync_NamespaceMissing_WarnsAndFailsThePullSecretWhenDeployWillNotApplyIt()
    {
        var results = await RunAsync();

        Single(results, ClusterChecks.Cluster).Detail.Should().Be("the double answers: Kubernetes v1.32.0-pipeline-double");
        var ns = Single(results, ClusterChecks.Namespace);
        ns.Should().Be(CheckResult.Warning(
            ClusterChecks.Namespace,
            $"namespace {_namespace} does not exist yet",
            $"nothing, if Deploy applies the rendered manifests (they create it); for your own: kubectl create namespace {_namespace}"));
        var secret = Single(results, ClusterChecks.PullSecret);
        secret.Status.Should().Be(CheckStatus.Failed);
        secret.Detail.Should().Be($"namespace {_namespace} does not exist, so neither does the Secret: pods will pull anonymously and a registry that needs a login refuses them");
        secret.Fix.Should().Be(RecreateFix());
        Status(results, ClusterChecks.PullSecretEntry).Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public async Task RunAsync_SecretMissing_FailsUnlessDeployAppliesIt()
    {
        await ApplyAsync(Namespace());

        var withoutCredentials = await RunAsync();
        var withCredentials = await RunAsync(deployAppliesPullSecret: true);

        Status(withoutCredentials, ClusterChecks.Namespace).Should().Be(CheckStatus.Ok);
        var missing = Single(withoutCredentials, ClusterChecks.PullSecret);
        missing.Status.Should().Be(CheckStatus.Failed);
        missing.Detail.Should().Be($"secret {Secret} does not exist: pods will pull anonymously and a registry that needs a login refuses them");
        missing.Fix.Should().Be(RecreateFix());
        Single(withCredentials, ClusterChecks.PullSecret).Should().Be(CheckResult.Warning(
            ClusterChecks.PullSecret,
            $"secret {Secret} does not exist yet",
            "nothing, if Deploy applies it: it builds the Secret from the registry credentials"));
    }

    [Fact]
    public async Task RunAsync_SecretOfWrongType_FailsNamingTheTypeTheKubeletNeeds()
    {
        var opaque = PullSecretFor(_registry.Host, _registry.Credentials).ToV1Secret();
        opaque.Type = "Opaque";
        await ApplyAsync(Namespace(), opaque);

        var results = await RunAsync();

        var secret = Single(results, ClusterChecks.PullSecret);
        secret.Status.Should().Be(CheckStatus.Failed);
        secret.Detail.Should().Be(
            $"secret {Secret} has type 'Opaque', not 'kubernetes.io/dockerconfigjson': the kubelet ignores it for image pulls. Recreate it with 'kubectl create secret docker-registry'");
        secret.Fix.Should().Be(RecreateFix());
    }

    [Fact]
    public async Task RunAsync_SecretMadeForAnotherPort_FailsTheEntryCheckNamingTheKeys()
    {
        var otherPort = RegistryHost.Parse($"127.0.0.1:{_registry.Host.Port + 1}");
        await ApplyAsync(Namespace(), PullSecretFor(otherPort, _registry.Credentials).ToV1Secret());

        var results = await RunAsync();

        Status(results, ClusterChecks.PullSecret).Should().Be(CheckStatus.Ok);
        var entry = Single(results, ClusterChecks.PullSecretEntry);
        entry.Status.Should().Be(CheckStatus.Failed);
        entry.Detail.Should().Be(
            $"secret {Secret} has no entry the kubelet matches to {_registry.Host} (keys: '{otherPort}'; host and port must be equal): pods will fail with ErrImagePull \"no basic auth credentials\"");
        entry.Fix.Should().Be(RecreateFix());
        Status(results, ClusterChecks.PullSecretLogin).Should().Be(CheckStatus.Skipped);
    }

    [Fact]
    public async Task RunAsync_SecretWithWrongPassword_FailsTheLoginNamingTheSecretEntry()
    {
        var wrong = new RegistryCredentials(_registry.Credentials.Username!, "stale-password", CredentialSource.Explicit());
        await ApplyAsync(Namespace(), PullSecretFor(_registry.Host, wrong).ToV1Secret());

        var results = await RunAsync();

        Status(results, ClusterChecks.PullSecretEntry).Should().Be(CheckStatus.Ok);
        var login = Single(results, ClusterChecks.PullSecretLogin);
        login.Status.Should().Be(CheckStatus.Failed);
        login.Detail.Should().Be(
            $"the registry {_registry.Host} refused user {_registry.Credentials.Username} (GET /v2/ answered 401; credentials from pull secret {Secret} entry '{_registry.Host}')");
        login.Fix.Should().Be(RecreateFix() + ", with credentials the registry accepts");
        login.Detail.Should().NotContain("stale-password");
    }

    [Fact]
    public async Task RunAsync_GoodSecretWithHttpsKey_PassesEveryCheckAsTheKubeletMatchesIt()
    {
        var secret = PullSecretFor(_registry.Host, _registry.Credentials).ToV1Secret();
        // Keys written by hand often carry a scheme and /v2/: the kubelet still matches them.
        var json = System.Text.Encoding.UTF8.GetString(secret.Data[PullSecret.DataKey]).Replace($"\"{_registry.Host}\"", $"\"https://{_registry.Host}/v2/\"", StringComparison.Ordinal);
        secret.Data[PullSecret.DataKey] = System.Text.Encoding.UTF8.GetBytes(json);
        await ApplyAsync(Namespace(), secret);

        var results = await RunAsync();

        results.Should().OnlyContain(result => result.Status == CheckStatus.Ok, "{0}", string.Join('\n', results));
        Single(results, ClusterChecks.PullSecretEntry).Detail.Should().Be($"entry 'https://{_registry.Host}/v2/' matches {_registry.Host} as the kubelet matches it");
        Single(results, ClusterChecks.PullSecretLogin).Detail.Should().Be($"{_registry.Host} accepts the Secret's user {_registry.Credentials.Username}");
    }

    [Fact]
    public async Task RunAsync_NoClusterConfigured_IsOneSkippedRow()
    {
        var results = await ClusterChecks.RunAsync(
            _ => Task.FromResult(ClusterResolution.NotConfigured()),
            new ClusterCheckRequest(_namespace, SecretName, Image),
            CancellationToken.None);

        results.Should().Equal(CheckResult.Skipped(ClusterChecks.Cluster, "no cluster configured (none of the kubeconfig path, KUBECONFIG, ~/.kube/config or an in-cluster service account)"));
    }

    [Fact]
    public async Task RunAsync_KubeconfigMissing_FailsWithTheResolverMessageAndFix()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"doctor-{Guid.NewGuid():N}", "kubeconfig");
        var resolver = new ClusterResolver(ProcessEnvironment.Empty, homeDirectory: null, InClusterPaths.Default);

        var results = await ClusterChecks.RunAsync(
            token => resolver.ResolveAsync(new ClusterRequest(missing), token),
            new ClusterCheckRequest(_namespace, SecretName, Image),
            CancellationToken.None);

        results.Should().ContainSingle().Which.Should().Be(CheckResult.Failed(
            ClusterChecks.Cluster,
            $"The kubeconfig '{missing}' given as the kubeconfig path does not exist: pass the path of an existing file.",
            "pass an existing file as the kubeconfig path, or fix or unset KUBECONFIG"));
    }

    [Fact]
    public async Task RunAsync_ApiServerDown_FailsTheClusterRowAndSkipsTheRest()
    {
        var stopped = await KubeApiServerDouble.KubeApiServerDouble.StartAsync();
        var configuration = stopped.ClientConfiguration();
        await stopped.DisposeAsync();
        using var client = new Kubernetes(configuration);

        var results = await ClusterChecks.RunAsync(client, "the double", new ClusterCheckRequest(_namespace, SecretName, Image), CancellationToken.None);

        var cluster = Single(results, ClusterChecks.Cluster);
        cluster.Status.Should().Be(CheckStatus.Failed);
        cluster.Detail.Should().StartWith("the API server of the double does not answer (");
        cluster.Fix.Should().Be("check the kubeconfig's server address and that the cluster runs (kubectl version)");
        results.Skip(1).Should().OnlyContain(result => result.Status == CheckStatus.Skipped);
    }

    private async Task<IReadOnlyList<CheckResult>> RunAsync(bool deployAppliesPullSecret = false)
    {
        using var client = new Kubernetes(_cluster.ClientConfiguration());
        return await ClusterChecks.RunAsync(
            client,
            "the double",
            new ClusterCheckRequest(_namespace, SecretName, Image) { DeployAppliesPullSecret = deployAppliesPullSecret },
            CancellationToken.None);
    }

    private string RecreateFix() =>
        $"recreate secret {Secret} as kubernetes.io/dockerconfigjson for {_registry.Host} (kubectl create secret docker-registry --docker-server={_registry.Host}; "
        + "Deploy applies it itself when given the registry user name and the registry password)";

    private V1Namespace Namespace() => new() { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = _namespace } };

    private PullSecret PullSecretFor(RegistryHost registry, RegistryCredentials credentials) =>
        new(DnsLabel.Parse(SecretName), DnsLabel.Parse(_namespace), registry, credentials);

    private async Task ApplyAsync(params IKubernetesObject<V1ObjectMeta>[] objects)
    {
        using var client = new Kubernetes(_cluster.ClientConfiguration());
        await new ManifestApplier(client).ApplyAsync(objects);
    }

    private static CheckResult Single(IReadOnlyList<CheckResult> results, string check) => results.Single(result => result.Check == check);

    private static CheckStatus Status(IReadOnlyList<CheckResult> results, string check) => Single(results, check).Status;
}
