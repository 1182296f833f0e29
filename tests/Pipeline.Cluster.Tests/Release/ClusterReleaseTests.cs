using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipeline.KubeApiServerDouble;
using Pipeline.Manifests;
using Xunit.Abstractions;

namespace Pipeline.Cluster.Tests.Release;

/// <summary>
/// One release across three services against the Kubernetes API server TEST DOUBLE (pulls from a REAL registry):
/// shared objects once, rollouts side by side, and on a failure only the changed services rolled back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterReleaseTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly RolloutOptions Fast = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task DeployAsync_ThreeServices_RollsOutAllAndAppliesTheSharedNamespaceAndSecretOnce()
    {
        var shop = await ShopAsync("three");
        var requests = new RequestLog();
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), requests);
        var logger = new RecordingLogger();

        var result = await new ClusterRelease(client, logger: logger).DeployAsync(
            shop.AllChanged(shop.Service("catalog", "v1.0.0"), shop.Service("basket", "v1.0.0"), shop.Service("payments", "v1.0.0")),
            Fast,
            CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Services.Select(service => (service.Service.Value, service.Outcome)).Should().Equal(
            ("catalog", ServiceRolloutOutcome.RolledOut), ("basket", ServiceRolloutOutcome.RolledOut), ("payments", ServiceRolloutOutcome.RolledOut));
        result.Services.Should().OnlyContain(service => service.Rollouts.Single().Revision == 1);
        result.Shared.Select(item => item.ToString()).Should().Equal($"namespace/{shop.Namespace} created", $"secret/regcred ({shop.Namespace}) created");
        requests.Writes.Where(request => request.EndsWith($"/namespaces/{shop.Namespace}", StringComparison.Ordinal)).Should().ContainSingle("the Namespace is applied once");
        requests.Writes.Where(request => request.EndsWith("/secrets/regcred", StringComparison.Ordinal)).Should().ContainSingle("the pull Secret is applied once");
        result.Services.Single(service => service.Service.Value == "basket").Applied.Select(item => item.ToString())
            .Should().Equal($"service/basket ({shop.Namespace}) created", $"deployment/basket ({shop.Namespace}) created");
        logger.Lines.Should().Contain($"basket: deployment/basket ({shop.Namespace}) created")
            .And.Contain(line => line.StartsWith($"payments: Deployment {shop.Namespace}/payments rolled out in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeployAsync_AChangedServiceFailsToPull_RollsBackTheChangedServicesAndKeepsTheUnchangedOne()
    {
        var shop = await ShopAsync("pull");
        using var client = fixture.CreateClient();
        var release = new ClusterRelease(client);
        await release.DeployAsync(shop.AllChanged(shop.Service("catalog", "v1.0.0"), shop.Service("basket", "v1.0.0"), shop.Service("payments", "v1.0.0")), Fast, CancellationToken.None);
        await release.DeployAsync(shop.AllChanged(shop.Service("catalog", "v2.0.0"), shop.Service("basket", "v2.0.0"), shop.Service("payments", "v2.0.0")), Fast, CancellationToken.None);

        var failing = shop.Request(
            [shop.Service("catalog", ShopRelease.MissingTag), shop.Service("basket", "v3.0.0"), shop.Service("payments", "v2.0.0")],
            "catalog", "basket");
        var failure = await FailAsync(release, failing, Fast);

        failure.Result.Services.Select(service => (service.Service.Value, service.Outcome)).Should().Equal(
            ("catalog", ServiceRolloutOutcome.RolledBack), ("basket", ServiceRolloutOutcome.RolledBack), ("payments", ServiceRolloutOutcome.Kept));
        var diagnosis = failure.Diagnoses.Should().ContainSingle().Which;
        diagnosis.Deployment.Should().Be("catalog");
        diagnosis.Pods.SelectMany(pod => pod.Containers).Should().Contain(container =>
            (container.State == "ErrImagePull" || container.State == "ImagePullBackOff") && container.Message!.Contains("manifest unknown"));
        failure.Message.Should().StartWith("the release of 3 services failed: catalog did not roll out")
            .And.Contain($"catalog: Deployment {shop.Namespace}/catalog did not become available")
            .And.Contain("basket: rolled back (its rollout completed, but the release failed; rolled back from revision 3 to revision 2")
            .And.Contain("payments: kept (").And.Contain("not rolled back: unchanged in this release");
        failure.Result.Services[0].Rollbacks.Should().ContainSingle().Which.RestoredRevision.Should().Be(2);
        (await ImageAsync(client, shop, "catalog")).Should().Be(shop.Image("catalog", "v2.0.0"));
        (await ImageAsync(client, shop, "basket")).Should().Be(shop.Image("basket", "v2.0.0"));
        var payments = await client.AppsV1.ReadNamespacedDeploymentAsync("payments", shop.Namespace);
        ShopRelease.ImageOf(payments).Should().Be(shop.Image("payments", "v2.0.0"), "the unchanged service is not rolled back to v1.0.0");
        payments.Metadata.Annotations["deployment.kubernetes.io/revision"].Should().Be("2");
        failure.Result.SharedCleanup!.Removals.Should().BeEmpty("the Namespace and Secret existed before");
    }

    [Fact]
    public async Task DeployAsync_FirstReleaseFailsWithAnUnchangedServiceInTheNamespace_KeepsTheNamespaceAndSecretItNeeds()
    {
        var shop = await ShopAsync("inuse");
        using var client = fixture.CreateClient();

        var failure = await FailAsync(
            new ClusterRelease(client),
            shop.Request([shop.Service("catalog", ShopRelease.MissingTag), shop.Service("payments", "v1.0.0")], "catalog"),
            Fast);

        failure.Result.Services.Select(service => service.Outcome).Should().Equal(ServiceRolloutOutcome.RolledBack, ServiceRolloutOutcome.Kept);
        failure.Result.Services[0].Cleanup!.Removals.Select(removal => removal.ToString())
            .Should().Equal($"deployment/catalog ({shop.Namespace}) deleted", $"service/catalog ({shop.Namespace}) deleted");
        failure.Result.SharedInUse.Select(item => item.Reference).Should().Equal($"namespace/{shop.Namespace}", $"secret/regcred ({shop.Namespace})");
        failure.Message.Should().Contain($"shared: kept for the services that stay: namespace/{shop.Namespace}, secret/regcred ({shop.Namespace})");
        fixture.ApiServer.Holds(shop.Namespace).Should().Contain(["Deployment/payments", "Service/payments", "Secret/regcred", $"Namespace/{shop.Namespace}"])
            .And.NotContain(["Deployment/catalog", "Service/catalog"]);
    }

    [Fact]
    public async Task DeployAsync_FirstReleaseOfChangedServicesFails_DeletesTheSharedNamespaceAndSecretToo()
    {
        var shop = await ShopAsync("allnew");
        using var client = fixture.CreateClient();

        var failure = await FailAsync(
            new ClusterRelease(client),
            shop.AllChanged(shop.Service("catalog", ShopRelease.MissingTag), shop.Service("payments", "v1.0.0")),
            Fast);

        failure.Result.Services.Select(service => service.Outcome).Should().Equal(ServiceRolloutOutcome.RolledBack, ServiceRolloutOutcome.RolledBack);
        failure.Result.SharedCleanup!.Removals.Select(removal => removal.ToString())
            .Should().Equal($"secret/regcred ({shop.Namespace}) deleted", $"namespace/{shop.Namespace} deleted (with everything in it)");
        fixture.ApiServer.Holds(shop.Namespace).Should().BeEmpty();
    }

    [Fact]
    public async Task DeployAsync_NoRollback_KeepsEveryServiceAndSaysWhatARollbackWouldDo()
    {
        var shop = await ShopAsync("keep");
        using var client = fixture.CreateClient();
        var release = new ClusterRelease(client);
        await release.DeployAsync(shop.AllChanged(shop.Service("catalog", "v1.0.0"), shop.Service("basket", "v1.0.0"), shop.Service("payments", "v1.0.0")), Fast, CancellationToken.None);

        var failure = await FailAsync(
            release,
            shop.Request([shop.Service("catalog", ShopRelease.MissingTag), shop.Service("basket", "v2.0.0"), shop.Service("payments", "v1.0.0")], "catalog", "basket"),
            Fast with { RollbackOnFailure = false });

        failure.Result.Services.Select(service => service.Outcome).Should().Equal(ServiceRolloutOutcome.Failed, ServiceRolloutOutcome.Kept, ServiceRolloutOutcome.Kept);
        failure.Result.Services[0].Rollbacks.Should().ContainSingle().Which.Outcome.Should().Be(RollbackOutcome.Disabled);
        failure.Message.Should().Contain($"basket: kept ({shop.Namespace}/basket revision 2); a rollback would return deployment/basket ({shop.Namespace}) to the previous revision")
            .And.Contain($"catalog: failed ({shop.Namespace}/catalog: pod ");
        (await ImageAsync(client, shop, "catalog")).Should().Be(shop.Image("catalog", ShopRelease.MissingTag));
        (await ImageAsync(client, shop, "basket")).Should().Be(shop.Image("basket", "v2.0.0"));
    }

    [Fact]
    public async Task DeployAsync_ASlowRollout_DoesNotHoldBackTheOthers()
    {
        var shop = await ShopAsync("side");
        var requests = new RequestLog();
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), requests);

        // "slow" never becomes ready, so its wait lasts until the timeout; "fast" comes second in the release.
        var failure = await FailAsync(
            new ClusterRelease(client),
            shop.AllChanged(shop.Service("slow", "v1.0.0", PodBehaviour.NeverReady), shop.Service("fast", "v1.0.0")),
            Fast with { Timeout = TimeSpan.FromSeconds(2) });

        var reads = requests.Requests.Select((request, index) => (request, index)).Where(pair => pair.request.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        var lastSlowRead = reads.Last(pair => pair.request.EndsWith("/deployments/slow", StringComparison.Ordinal)).index;
        var firstFastRead = reads.First(pair => pair.request.EndsWith("/deployments/fast", StringComparison.Ordinal)).index;
        firstFastRead.Should().BeLessThan(lastSlowRead, "fast's rollout is watched while slow's is still waited for");
        var fast = failure.Result.Services.Single(service => service.Service.Value == "fast");
        fast.Rollouts.Should().ContainSingle("fast completed although slow never did");
        failure.Diagnoses.Should().ContainSingle().Which.Reason.Should().StartWith("timed out after");
    }

    [Fact]
    public async Task DeployAsync_AServiceObjectCannotBeApplied_RefusesTheWholeReleaseBeforeAnyRequest()
    {
        var shop = await ShopAsync("refused");
        var requests = new RequestLog();
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), requests);
        var basket = shop.Service("basket", "v1.0.0");
        var withoutNamespace = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "basket-settings" } };
        var request = shop.AllChanged(shop.Service("catalog", "v1.0.0"), basket with { Manifests = new ManifestSet([.. basket.Manifests.Documents, withoutNamespace]) });

        var deploy = () => new ClusterRelease(client).DeployAsync(request, Fast, CancellationToken.None);

        (await deploy.Should().ThrowAsync<ClusterException>()).Which.Kind.Should().Be(ClusterFailureKind.UnsupportedObject);
        requests.Requests.Should().BeEmpty("nothing reaches the API server");
    }

    [Fact]
    public async Task DeployAsync_ChangedNamesAServiceNotInTheRelease_RefusesBeforeAnyRequest()
    {
        var shop = await ShopAsync("unknown");
        var requests = new RequestLog();
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), requests);

        var deploy = () => new ClusterRelease(client).DeployAsync(shop.Request([shop.Service("catalog", "v1.0.0")], "catalog", "orders"), Fast, CancellationToken.None);

        (await deploy.Should().ThrowAsync<ArgumentException>()).WithMessage("Changed names 'orders', which the release does not hold (it holds catalog)*");
        requests.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task DeployAsync_ApplyRefusedAtTheSecondService_RollsBackTheFirstChangedServiceAndDeletesWhatWasCreated()
    {
        var shop = await ShopAsync("halfway");
        using (var setup = fixture.CreateClient())
        {
            await new ClusterRelease(setup).DeployAsync(shop.AllChanged(shop.Service("catalog", "v1.0.0")), Fast, CancellationToken.None);
        }

        var faults = new ApiFaults(
            request => request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.EndsWith("/deployments/basket", StringComparison.Ordinal),
            HttpStatusCode.InternalServerError,
            after: 0,
            message: "etcdserver: request timed out");
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), faults);

        var deploy = () => new ClusterRelease(client).DeployAsync(
            shop.AllChanged(shop.Service("catalog", "v2.0.0"), shop.Service("basket", "v1.0.0")), Fast, CancellationToken.None);

        var failure = (await deploy.Should().ThrowAsync<ClusterException>()).Which;
        output.WriteLine(failure.Message);
        failure.Kind.Should().Be(ClusterFailureKind.ApplyRejected);
        failure.Message.Should().StartWith($"The API server refused to apply Deployment 'basket' in namespace '{shop.Namespace}': HTTP 500 etcdserver: request timed out")
            .And.Contain("catalog: rolled back (the release failed before its rollout was waited for; rolled back from revision 2 to revision 1")
            .And.Contain($"service/basket ({shop.Namespace}) deleted");
        (await ImageAsync(client, shop, "catalog")).Should().Be(shop.Image("catalog", "v1.0.0"), "catalog changed in this release and goes back");
        var read = () => client.CoreV1.ReadNamespacedServiceAsync("basket", shop.Namespace);
        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeployAsync_CancelledWhileWaiting_RollsBackTheChangedServiceAndKeepsTheUnchangedOne()
    {
        var shop = await ShopAsync("cancel");
        using var client = fixture.CreateClient();
        var release = new ClusterRelease(client);
        await release.DeployAsync(shop.AllChanged(shop.Service("payments", "v1.0.0")), Fast, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var deploy = () => release.DeployAsync(
            shop.Request([shop.Service("slow", "v1.0.0", PodBehaviour.NeverReady), shop.Service("payments", "v1.0.0")], "slow"), Fast, cancel.Token);

        var cancelled = (await deploy.Should().ThrowAsync<OperationCanceledException>()).Which;
        output.WriteLine(cancelled.Message);
        cancelled.Message.Should().StartWith("waiting for the release's rollouts was cancelled; slow: rolled back (")
            .And.Contain($"deployment/slow ({shop.Namespace}) deleted")
            .And.Contain("payments: kept (");
        fixture.ApiServer.Holds(shop.Namespace).Should().Contain("Deployment/payments").And.NotContain("Deployment/slow");
    }

    private async Task<ShopRelease> ShopAsync(string prefix)
    {
        foreach (var name in new[] { "catalog", "basket", "payments", "slow", "fast" })
        {
            foreach (var tag in new[] { "v1.0.0", "v2.0.0", "v3.0.0" })
            {
                await fixture.Registry.SeedImageAsync(name, tag);
            }
        }

        return new ShopRelease(fixture, ClusterFixture.UniqueNamespace(prefix));
    }

    private async Task<ReleaseRolloutFailedException> FailAsync(ClusterRelease release, ClusterReleaseRequest request, RolloutOptions options)
    {
        var deploy = () => release.DeployAsync(request, options, CancellationToken.None);
        var failure = (await deploy.Should().ThrowAsync<ReleaseRolloutFailedException>()).Which;
        output.WriteLine(failure.Message);
        return failure;
    }

    private static async Task<string> ImageAsync(Kubernetes client, ShopRelease shop, string name) =>
        ShopRelease.ImageOf(await client.AppsV1.ReadNamespacedDeploymentAsync(name, shop.Namespace));
}
