using System.Text;
using System.Text.Json;
using k8s;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

public sealed class RegistryMirrorTests(ITestOutputHelper output)
{
    private const string Endpoint = "http://127.0.0.1:30500";

    [Fact]
    public async Task RegistryMirror_DockerHubOverHttp_WritesNodeFilesUnderArtifactsAndPrintsWhereEachGoes()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["RegistryMirror", "--mirror-endpoint", Endpoint]);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("RegistryMirror").Should().Be("Succeeded");
        run.SummaryValue("Mirror rollout").Should().StartWith("not deployed: no cluster configured");
        workspace.WrittenFiles().Should().Equal(
            "artifacts/k8s/registry/registry-mirror.yaml",
            "artifacts/registry-mirror/containerd/certs.d/docker.io/hosts.toml",
            "artifacts/registry-mirror/docker/daemon.json");
        var hostsToml = await File.ReadAllTextAsync(Path.Combine(workspace.MirrorNodeFiles, "containerd", "certs.d", "docker.io", "hosts.toml"));
        hostsToml.Should().Contain("server = \"https://registry-1.docker.io\"").And.Contain($"[host.\"{Endpoint}\"]").And.Contain("capabilities = [\"pull\", \"resolve\"]");
        using (var daemon = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(workspace.MirrorNodeFiles, "docker", "daemon.json"))))
        {
            daemon.RootElement.GetProperty("registry-mirrors").EnumerateArray().Select(item => item.GetString()).Should().Equal(Endpoint);
            daemon.RootElement.GetProperty("insecure-registries").EnumerateArray().Select(item => item.GetString()).Should().Equal("127.0.0.1:30500");
        }

        run.Output.Should().Contain("(goes to /etc/containerd/certs.d/docker.io/hosts.toml on every node)")
            .And.Contain("(goes to /etc/docker/daemon.json on every node)")
            .And.Contain("Pipeline ran none of them");
        var manifests = await File.ReadAllTextAsync(workspace.MirrorManifestFile);
        manifests.Should().Contain("remoteurl: \"https://registry-1.docker.io/\"").And.Contain("nodePort: 30500").And.Contain("storage: 20Gi");
    }

    [Fact]
    public async Task RegistryMirror_WithKubeconfigAndUpstreamCredentials_DeploysTheMirrorAndKeepsThePasswordOutOfFiles()
    {
        await using var images = await RegistryServer.StartAsync(new RegistryServerOptions());
        await images.SeedImageAsync("library/registry", "2");
        await using var cluster = await ApiServerDouble.StartAsync();
        using var workspace = new HostingWorkspace(output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Home, "kubeconfig"));
        var password = "upstream-" + Guid.NewGuid().ToString("N");

        var run = await workspace.RunAsync(
        [
            "RegistryMirror", "--kubeconfig", kubeconfig, "--mirror-upstream", "https://ghcr.io", "--mirror-endpoint", Endpoint,
            "--mirror-upstream-username", "reader", "--registry-image", $"{images.Host}/library/registry:2",
        ], new Dictionary<string, string> { ["MIRROR_UPSTREAM_PASSWORD"] = password });

        run.ExitCode.Should().Be(0, "{0}", run);
        run.SummaryValue("Mirror rollout").Should().EndWith("registry/registry-mirror revision 1 available");
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var upstream = await client.CoreV1.ReadNamespacedSecretAsync("registry-mirror-upstream", "registry");
        Encoding.UTF8.GetString(upstream.Data["password"]).Should().Be(password);
        Encoding.UTF8.GetString(upstream.Data["username"]).Should().Be("reader");
        (await client.CoreV1.ReadNamespacedConfigMapAsync("registry-mirror-config", "registry")).Data["config.yml"].Should().Contain("remoteurl: \"https://ghcr.io/\"");
        (await client.CoreV1.ReadNamespacedServiceAsync("registry-mirror", "registry")).Spec.Ports.Single().NodePort.Should().Be(30500);
        (await client.AppsV1.ReadNamespacedDeploymentAsync("registry-mirror", "registry")).Status.AvailableReplicas.Should().Be(1);
        File.Exists(Path.Combine(workspace.MirrorNodeFiles, "containerd", "certs.d", "ghcr.io", "hosts.toml")).Should().BeTrue();
        Directory.Exists(Path.Combine(workspace.MirrorNodeFiles, "docker")).Should().BeFalse("Docker's registry-mirrors mirrors Docker Hub only");
        run.Output.Should().Contain("Docker Engine: no file");
        foreach (var text in workspace.ArtifactTexts().Append(run.Output))
        {
            text.Should().NotContain(password)
                .And.NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)))
                .And.NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"reader:{password}")));
        }
    }

    [Fact]
    public async Task RegistryMirror_Plan_ListsTheTargetAndRunsNothing()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["RegistryMirror", "--plan"]);

        run.ExitCode.Should().Be(0, "{0}", run);
        run.Output.Trim().Should().Be("RegistryMirror");
        workspace.WrittenFiles().Should().BeEmpty("--plan runs nothing");
    }

    [Fact]
    public async Task RegistryMirror_UpstreamWithPath_FailsNamingTheFlagBeforeWritingAnything()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["RegistryMirror", "--mirror-upstream", "https://ghcr.io/my-org"]);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--mirror-upstream").And.Contain("without path, query or user info");
        workspace.WrittenFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task RegistryMirror_EndpointNotAUrl_FailsNamingTheFlagBeforeWritingAnything()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["RegistryMirror", "--mirror-endpoint", "10.0.0.5:30500"]);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--mirror-endpoint").And.Contain("http://");
        workspace.WrittenFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task RegistryMirror_UpstreamUserWithoutPassword_FailsNamingTheVariableBeforeWritingAnything()
    {
        using var workspace = new HostingWorkspace(output);

        var run = await workspace.RunAsync(["RegistryMirror", "--mirror-upstream-username", "reader"]);

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain("--mirror-upstream-username reader").And.Contain("MIRROR_UPSTREAM_PASSWORD");
        workspace.WrittenFiles().Should().BeEmpty();
    }
}
