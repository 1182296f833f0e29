using System.Text;
using System.Text.RegularExpressions;
using k8s;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

public sealed partial class DeployRegistryTests(ITestOutputHelper output)
{
    private const string User = "registry-admin";
    private readonly string _password = "pw-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task DeployRegistry_WithKubeconfig_AppliesEveryObjectWaitsForTheRolloutAndReappliesWithoutRolling()
    {
        // The simulated kubelet pulls for real: the registry image comes from a loopback registry, as nothing else is reachable.
        await using var images = await RegistryServer.StartAsync(new RegistryServerOptions());
        await images.SeedImageAsync("library/registry", "2");
        var registryImage = $"{images.Host}/library/registry:2";
        await using var cluster = await ApiServerDouble.StartAsync();
        using var workspace = new HostingWorkspace(output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Home, "kubeconfig"));

        string[] args =
        [
            "DeployRegistry", "--kubeconfig", kubeconfig, "--registry-username", User, "--registry-image", registryImage,
            "--registry-namespace", "hosting", "--storage-size", "50Gi", "--storage-class", "fast-ssd",
            "--ingress-host", "registry.example.com", "--cluster-issuer", "letsencrypt-prod",
        ];

        var run = await workspace.RunAsync(args, Password());

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("DeployRegistry").Should().Be("Succeeded");
        run.SummaryValue("Registry rollout").Should().Be("7 of 7 objects changed; hosting/registry revision 1 available");
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var htpasswd = await client.CoreV1.ReadNamespacedSecretAsync("registry-htpasswd", "hosting");
        var line = Encoding.UTF8.GetString(htpasswd.Data["htpasswd"]).TrimEnd('\n');
        line.Should().StartWith($"{User}:$2");
        BCrypt.Net.BCrypt.Verify(_password, line[(User.Length + 1)..]).Should().BeTrue("the Secret holds the bcrypt hash of REGISTRY_PASSWORD");
        var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("registry-data", "hosting");
        claim.Spec.Resources.Requests["storage"].ToString().Should().Be("50Gi");
        claim.Spec.StorageClassName.Should().Be("fast-ssd");
        var config = await client.CoreV1.ReadNamespacedConfigMapAsync("registry-config", "hosting");
        config.Data["config.yml"].Should().Contain("path: \"/auth/htpasswd\"").And.Contain("enabled: true");
        (await client.CoreV1.ReadNamespacedServiceAsync("registry", "hosting")).Spec.Ports.Single().Port.Should().Be(5000);
        var ingress = await client.NetworkingV1.ReadNamespacedIngressAsync("registry", "hosting");
        ingress.Spec.Rules.Single().Host.Should().Be("registry.example.com");
        ingress.Metadata.Annotations["cert-manager.io/cluster-issuer"].Should().Be("letsencrypt-prod");
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("registry", "hosting");
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(registryImage);
        deployment.Status.AvailableReplicas.Should().Be(1, "the simulated kubelet pulled the registry image");
        AssertNoSecretIn(workspace, run);

        var again = await workspace.RunAsync(args, Password());

        again.ExitCode.Should().Be(0, "{0}", again);
        // Only the Secret changes (bcrypt salts are random); the pod template does not, so nothing rolls.
        again.SummaryValue("Registry rollout").Should().Be("1 of 7 objects changed; hosting/registry revision 1 available");
    }

    [Fact]
    public async Task DeployRegistry_NoClusterConfigured_SkipsWithTheReasonAndTheSameRenderedBytes()
    {
        using var workspace = new HostingWorkspace(output);
        string[] args = ["DeployRegistry", "--registry-username", User, "--storage-host-path", "/srv/registry"];

        var first = await workspace.RunAsync(args, Password());
        var rendered = await File.ReadAllBytesAsync(workspace.RegistryManifestFile);
        var again = await workspace.RunAsync(args, Password());

        first.ExitCode.Should().Be(0, "{0}", first);
        first.RowOf("DeployRegistry").Should().Contain("Skipped").And.Contain("no cluster configured").And.Contain("registry.yaml is the result");
        (await File.ReadAllBytesAsync(workspace.RegistryManifestFile)).Should().Equal(rendered, "a fresh bcrypt salt each run never reaches the file");
        var yaml = Encoding.UTF8.GetString(rendered);
        yaml.Should().Contain("path: /srv/registry").And.Contain("image: registry:2").And.NotContain("PersistentVolumeClaim");
        workspace.WrittenFiles().Should().Equal("artifacts/k8s/registry/registry.yaml");
        AssertNoSecretIn(workspace, first);
        AssertNoSecretIn(workspace, again);
    }

    [Fact]
    public async Task DeployRegistry_Plan_ListsTheTargetAndRunsNothing()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["DeployRegistry", "--plan", "--registry-username", User], Password());
        var withoutPassword = await workspace.RunAsync(["DeployRegistry", "--plan", "--registry-username", User]);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Output.Trim().Should().Be("DeployRegistry");
        withoutPassword.ExitCode.Should().Be(2, "--plan shows what would stop the build: {0}", withoutPassword);
        withoutPassword.Output.Should().StartWith("DeployRegistry").And.Contain("required by DeployRegistry");
        workspace.WrittenFiles().Should().BeEmpty("--plan runs nothing");
    }

    [Fact]
    public async Task DeployRegistry_StorageSizeNotAQuantity_FailsNamingTheFlagAndTheFixBeforeWritingAnything()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["DeployRegistry", "--registry-username", User, "--storage-size", "10 gigs"], Password());

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("no target ran", "the checks run before the first target").And.Contain("--storage-size").And.Contain("'10 gigs'").And.Contain("e.g. '20Gi'");
        workspace.WrittenFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task DeployRegistry_StorageHostPathWithSize_FailsSayingTheyExcludeEachOther()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(
            ["DeployRegistry", "--registry-username", User, "--storage-host-path", "/srv/registry", "--storage-size", "10Gi"], Password());

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--storage-host-path").And.Contain("--storage-size").And.Contain("give one or the other");
        workspace.WrittenFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task DeployRegistry_UsernameWithoutPassword_FailsBeforeAnyTargetRunsNamingTheVariable()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["DeployRegistry", "--registry-username", User]);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("no target ran").And.Contain("REGISTRY_PASSWORD").And.Contain("required by DeployRegistry");
        workspace.WrittenFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task DeployRegistry_MissingKubeconfig_FailsNamingItBeforeWritingAnything()
    {
        using var workspace = new HostingWorkspace(output);
        var missing = Path.Combine(workspace.Home, "no-such-kubeconfig");

        var run = await workspace.RunAsync(["DeployRegistry", "--registry-username", User, "--kubeconfig", missing], Password());

        run.ExitCode.Should().Be(1, "{0}", run);
        run.RowOf("DeployRegistry").Should().Contain(missing).And.Contain("does not exist");
        workspace.WrittenFiles().Should().BeEmpty();
    }

    private Dictionary<string, string> Password() => new(StringComparer.Ordinal) { ["REGISTRY_PASSWORD"] = _password };

    private void AssertNoSecretIn(HostingWorkspace workspace, ChainRun run)
    {
        string[] forms =
        [
            _password,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(_password)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{_password}")),
        ];
        var texts = workspace.ArtifactTexts().Append(run.Output).ToList();
        foreach (var text in texts)
        {
            foreach (var form in forms)
            {
                text.Should().NotContain(form);
            }

            BcryptHash().IsMatch(text).Should().BeFalse("the htpasswd hash is kept out of files and output too:\n{0}", text);
            text.Should().NotContain("kind: Secret");
        }
    }

    [GeneratedRegex(@"\$2[aby]\$\d\d\$")]
    private static partial Regex BcryptHash();
}
