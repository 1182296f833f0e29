using k8s;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

[Collection(ChainCollection.Name)]
public sealed class RolloutRollbackTests(ChainFixture chain, ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_RolloutNeverAvailable_FailsAndRollsBackToThePreviousRelease()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        await using var workspace = new ConsumerWorkspace(chain, registry, output);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(workspace.Root, "kubeconfig"));
        string[] target = ["--kubeconfig", kubeconfig, "--namespace", "tbw-roll"];
        var good = await workspace.RunAsync<SampleBuild>(workspace.PublishArguments("3.2.1", target));
        good.ExitCode.Should().Be(0, "{0}", good);

        var bad = await workspace.RunAsync<NeverReadyBuild>(workspace.PublishArguments("3.2.2", [.. target, "--rollout-timeout", "5"]));

        bad.ExitCode.Should().Be(1, "{0}", bad);
        bad.StatusOf("Push").Should().Be("Succeeded");
        bad.StatusOf("Deploy").Should().Be("Failed");
        bad.Output.Should().Contain($"Deployment tbw-roll/{workspace.Artifact} did not become available");
        bad.Output.Should().Contain("rolled back from revision 2 to revision 1");
        using var client = new Kubernetes(cluster.ClientConfiguration());
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(workspace.Artifact, "tbw-roll");
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be($"{registry.Host}/{workspace.Artifact}:v3.2.1");
        (await workspace.LocalTagsAsync()).Should().BeEmpty();
    }
}
