using k8s;
using Pipeline.Components.Tests.Builds;
using Pipeline.Components.Tests.Support;
using Pipeline.Testing.Registries;
using Xunit.Abstractions;
using ApiServerDouble = Pipeline.KubeApiServerDouble.KubeApiServerDouble;

namespace Pipeline.Components.Tests;

/// <summary>
/// A build with only Render and Deploy (no image chain) deploys an image it is given, pushed elsewhere, to the
/// API-server TEST DOUBLE, whose simulated kubelet pulls it from a real registry with the pull Secret. No Docker engine.
/// </summary>
public sealed class DeployOnlyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-deploy-only-").FullName;

    [Fact]
    public async Task Deploy_WithRenderAndDeployAlone_DeploysTheGivenImageByDigest()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });
        await using var cluster = await ApiServerDouble.StartAsync();
        using var client = registry.CreateClient();
        var digest = await TestImage.Create("pushed by another build").PushAsync(client, "orders-api", "v3.2.1");
        var image = $"{registry.Host}/orders-api@{digest}";
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(_root, "kubeconfig"));

        var run = await RunAsync(registry, "Deploy", "--deploy-image", image, "--kubeconfig", kubeconfig, "--namespace", "given");

        run.ExitCode.Should().Be(0, "{0}", run);
        (run.StatusOf("Render"), run.StatusOf("Deploy")).Should().Be(("Succeeded", "Succeeded"));
        run.Output.Should().NotContainAny(["──── Compile", "──── Image", "──── Push"], "the build has no image chain to plan");
        using var kubernetes = new Kubernetes(cluster.ClientConfiguration());
        var deployment = await kubernetes.AppsV1.ReadNamespacedDeploymentAsync("orders-api", "given");
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(image);
        deployment.Status.AvailableReplicas.Should().Be(1, "the simulated kubelet pulled the given digest with the pull Secret");
        (await File.ReadAllTextAsync(Path.Combine(_root, "artifacts", "k8s", "orders-api.yaml"))).Should().Contain($"image: {image}");
    }

    [Fact]
    public async Task Render_DeployImageInAnotherRegistry_IsRefusedBeforeAnythingRuns()
    {
        await using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Htpasswd });

        var run = await RunAsync(registry, "Render", "--deploy-image", "127.0.0.1:1/orders-api:v3.2.1");

        run.ExitCode.Should().Be(2, "{0}", run);
        run.Output.Should().Contain($"--deploy-image 127.0.0.1:1/orders-api:v3.2.1 is in 127.0.0.1:1, but --registry is {registry.Host}")
            .And.Contain("pass --registry 127.0.0.1:1");
        File.Exists(Path.Combine(_root, "artifacts", "k8s", "orders-api.yaml")).Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<ChainRun> RunAsync(RegistryServer registry, params string[] args)
    {
        Directory.CreateDirectory(Path.Combine(_root, ".pipeline"));
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        string[] common = ["--registry", registry.Host.ToString(), "--registry-username", registry.Credentials.Username!, "--release", "3.2.1", "--artifact", "orders-api"];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["REGISTRY_PASSWORD"] = registry.Credentials.Password!,
            ["HOME"] = Path.Combine(_root, "home"),
        };
        return ChainRun.ExecuteAsync<DeployOnlyBuild>([.. args, .. common], _root, environment, output, TimeSpan.FromMinutes(2));
    }
}
