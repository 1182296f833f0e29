using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Cluster.Tests;

/// <summary>The parts of the Kubernetes API server TEST DOUBLE's contract that Deploy's error handling relies on.</summary>
[Collection(ClusterCollection.Name)]
public sealed class KubeApiServerDoubleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Read_AnswersMissingObjectWithNotFoundStatus()
    {
        using var client = fixture.CreateClient();

        var act = () => client.AppsV1.ReadNamespacedDeploymentAsync("ghost", "nowhere");

        var failure = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        failure.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var status = KubernetesJson.Deserialize<V1Status>(failure.Response.Content);
        status.Reason.Should().Be("NotFound");
        status.Message.Should().Be("deployments.apps \"ghost\" not found");
    }

    [Fact]
    public async Task WriteKubeconfig_PointsResolvedClientAtDouble()
    {
        using var temp = new TemporaryDirectory();
        var path = fixture.ApiServer.WriteKubeconfig(temp.File("kubeconfig"), "team");
        var resolver = new ClusterResolver(ProcessEnvironment.Empty, null, new InClusterPaths(temp.File("t"), temp.File("c"), temp.File("n")));

        var resolution = await resolver.ResolveAsync(new ClusterRequest(path));
        using var client = resolution.CreateClient();
        var ns = ClusterFixture.UniqueNamespace("kc");
        await new ManifestApplier(client).ApplyAsync([TestManifests.Namespace(ns)]);

        resolution.Configuration!.Namespace.Should().Be("team");
        (await client.CoreV1.ReadNamespaceAsync(ns)).Status.Phase.Should().Be("Active");
    }

    [Fact]
    public async Task Delete_RemovesNamespaceAndItsObjects()
    {
        using var client = fixture.CreateClient();
        var ns = ClusterFixture.UniqueNamespace("del");
        await new ManifestApplier(client).ApplyAsync([TestManifests.Namespace(ns), TestManifests.Service(ns)]);

        await client.CoreV1.DeleteNamespaceAsync(ns);

        var services = await client.CoreV1.ListNamespacedServiceAsync(ns);
        services.Items.Should().BeEmpty();
        var act = () => client.CoreV1.ReadNamespaceAsync(ns);
        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
