using k8s;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

[Collection(ChainCollection.Name)]
public sealed class PublishToClusterTests(ChainFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_WithKubeconfig_AppliesSecretAndDeploymentAndWaitsForTheRollout()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));

        var run = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", "--kubeconfig", kubeconfig, "--namespace", "tbw-pre"));

        run.ExitCode.Should().Be(0, "{0}", run);
        run.StatusOf("Deploy").Should().Be("Succeeded");
        run.SummaryValue("Rollout").Should().Contain($"tbw-pre/{workspace.Artifact} revision 1 available");

        using var client = new Kubernetes(cluster.ClientConfiguration());
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(workspace.Artifact, "tbw-pre");
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be($"{registry.Host}/{workspace.Artifact}:v3.2.1");
        deployment.Spec.Template.Spec.ImagePullSecrets.Select(secret => secret.Name).Should().Equal("regcred");
        deployment.Status.AvailableReplicas.Should().Be(1, "the simulated kubelet pulled the image with the pull Secret");
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("regcred", "tbw-pre");
        secret.Type.Should().Be("kubernetes.io/dockerconfigjson");
        foreach (var form in workspace.PasswordForms)
        {
            run.Output.Should().NotContain(form);
        }
    }

    [Fact]
    public async Task Publish_PinDigestWithExtraTag_DeploysTheVerifiedDigestAndCleansEveryTag()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));

        var run = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments(
            "3.2.1", "--kubeconfig", kubeconfig, "--namespace", "tbw-pin", "--pin-digest", "--extra-tags", "latest"));

        run.ExitCode.Should().Be(0, "{0}", run);
        var release = workspace.ReleaseImage("3.2.1");
        using var registryClient = registry.CreateClient();
        (await registryClient.FindAsync(release))!.Digest.Should().Be(run.ImageDigest);
        (await registryClient.FindAsync(release.WithTag("latest")))!.Digest.Should().Be(run.ImageDigest, "the extra tag names the same image");
        (await workspace.LocalTagsAsync()).Should().BeEmpty("CleanImages removes the extra tag too");
        var pinned = $"{registry.Host}/{workspace.Artifact}@{run.ImageDigest}";
        (await File.ReadAllTextAsync(workspace.ManifestFile)).Should().Contain($"image: {pinned}");
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(workspace.Artifact, "tbw-pin");
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(pinned);
        deployment.Status.AvailableReplicas.Should().Be(1, "the simulated kubelet pulled the image by digest");
    }

    [Fact]
    public async Task Publish_SameReleaseTwice_ReappliesWithoutChangingTheCluster()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));
        string[] target = ["--kubeconfig", kubeconfig, "--namespace", "tbw-again"];
        var first = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", target));
        first.ExitCode.Should().Be(0, "{0}", first);
        var renderedFirst = await File.ReadAllBytesAsync(workspace.ManifestFile);

        var again = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", target));

        again.ExitCode.Should().Be(0, "{0}", again);
        again.SummaryValue("Rollout").Should().StartWith("0 of 4 objects changed").And.Contain("revision 1 available");
        (await File.ReadAllBytesAsync(workspace.ManifestFile)).Should().Equal(renderedFirst, "the same inputs render the same bytes");
    }
}
