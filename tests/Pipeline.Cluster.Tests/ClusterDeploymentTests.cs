using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.Version;
using Xunit.Abstractions;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// What a failed release leaves on the cluster (the Kubernetes API server TEST DOUBLE, pulls from a REAL registry):
/// what it created is deleted, newest first; what existed before is kept.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterDeploymentTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const string MissingTag = "v9.9.9";

    private static readonly RolloutOptions Fast = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task DeployAsync_FirstReleaseFails_DeletesEverythingItCreatedNewestFirst()
    {
        var ns = ClusterFixture.UniqueNamespace("first");
        using var client = fixture.CreateClient();

        var failure = await FailAsync<RolloutFailedException>(client, Release(ns, MissingTag), Fast);

        failure.Message.Should().Contain("manifest unknown", "the rollout's own failure comes first");
        failure.Rollback!.Outcome.Should().Be(RollbackOutcome.NoPreviousRevision);
        var cleanup = failure.Rollback.Cleanup!;
        cleanup.Removals.Select(removal => removal.ToString()).Should().Equal(
            $"deployment/{TestManifests.App} ({ns}) deleted",
            $"service/{TestManifests.App} ({ns}) deleted",
            $"secret/{TestManifests.PullSecretName} ({ns}) deleted",
            $"namespace/{ns} deleted (with everything in it)");
        cleanup.Kept.Should().BeEmpty();
        failure.Message.Should().Contain($"secret/{TestManifests.PullSecretName} ({ns}) deleted");
        await ExpectNamespaceGoneAsync(client, ns);
        fixture.ApiServer.Holds(ns).Should().BeEmpty("nothing of the failed first release is left in the double");
    }

    [Fact]
    public async Task DeployAsync_SecondReleaseFails_KeepsWhatExistedAndDeletesWhatItAdded()
    {
        var ns = ClusterFixture.UniqueNamespace("second");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await new ClusterDeployment(client).DeployAsync(Release(ns, "v1.0.0"), Fast, CancellationToken.None);

        var failure = await FailAsync<RolloutFailedException>(client, Release(ns, MissingTag, TestManifests.ConfigMap(ns)), Fast);

        failure.Rollback!.Outcome.Should().Be(RollbackOutcome.RolledBack);
        var cleanup = failure.Rollback.Cleanup!;
        cleanup.Removals.Should().ContainSingle().Which.ToString().Should().Be($"configmap/{TestManifests.App}-settings ({ns}) deleted");
        cleanup.Kept.Select(item => item.Reference).Should().Equal(
            $"namespace/{ns}", $"secret/{TestManifests.PullSecretName} ({ns})", $"service/{TestManifests.App} ({ns})", $"deployment/{TestManifests.App} ({ns})");
        failure.Message.Should().Contain("rolled back from revision 2 to revision 1")
            .And.Contain($"kept what existed before (namespace/{ns} unchanged")
            .And.Contain($"deployment/{TestManifests.App} ({ns}) configured; a configured one keeps this release's content)");
        fixture.ApiServer.Holds(ns).Where(item => !item.StartsWith("Pod/", StringComparison.Ordinal) && !item.StartsWith("ReplicaSet/", StringComparison.Ordinal) && !item.StartsWith("Event/", StringComparison.Ordinal))
            .Should().BeEquivalentTo(
            [$"Namespace/{ns}", $"Secret/{TestManifests.PullSecretName}", $"Service/{TestManifests.App}", $"Deployment/{TestManifests.App}"],
            "the ConfigMap is gone, the rest stays (pods and ReplicaSets aside)");
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(Image("v1.0.0"));
    }

    [Fact]
    public async Task DeployAsync_ApplyRefusedAtTheThirdObject_DeletesTheTwoCreatedBefore()
    {
        var ns = ClusterFixture.UniqueNamespace("halfway");
        var faults = new ApiFaults(
            request => request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.EndsWith($"/services/{TestManifests.App}", StringComparison.Ordinal),
            HttpStatusCode.InternalServerError,
            after: 0,
            message: "etcdserver: request timed out");
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), faults);

        var failure = await FailAsync<ClusterException>(client, Release(ns, "v1.0.0"), Fast);

        failure.Kind.Should().Be(ClusterFailureKind.ApplyRejected);
        failure.Message.Should().StartWith($"The API server refused to apply Service '{TestManifests.App}' in namespace '{ns}': HTTP 500 etcdserver: request timed out")
            .And.EndWith($"removed what this release created: secret/{TestManifests.PullSecretName} ({ns}) deleted, namespace/{ns} deleted (with everything in it)");
        failure.InnerException.Should().BeOfType<ClusterException>().Which.Kind.Should().Be(ClusterFailureKind.ApplyRejected);
        faults.Injected.Should().Be(1);
        await ExpectNamespaceGoneAsync(client, ns);
        fixture.ApiServer.Holds(ns).Should().BeEmpty();
    }

    [Fact]
    public async Task DeployAsync_NoRollback_KeepsEverythingAndSaysWhatARollbackWouldDelete()
    {
        var ns = ClusterFixture.UniqueNamespace("keep");
        using var client = fixture.CreateClient();

        var failure = await FailAsync<RolloutFailedException>(client, Release(ns, MissingTag), Fast with { RollbackOnFailure = false });

        failure.Rollback!.Outcome.Should().Be(RollbackOutcome.Disabled);
        failure.Rollback.Cleanup!.Removals.Should().OnlyContain(removal => removal.Outcome == RemovalOutcome.Disabled).And.HaveCount(4);
        failure.Message.Should().Contain(
            $"rollback is disabled, so what this release created stays (a rollback would delete it): deployment/{TestManifests.App} ({ns}), "
            + $"service/{TestManifests.App} ({ns}), secret/{TestManifests.PullSecretName} ({ns}), namespace/{ns}");
        fixture.ApiServer.Holds(ns).Should().Contain([$"Namespace/{ns}", $"Secret/{TestManifests.PullSecretName}", $"Service/{TestManifests.App}", $"Deployment/{TestManifests.App}"]);
        (await client.CoreV1.ReadNamespaceAsync(ns)).Metadata.Name.Should().Be(ns);
    }

    [Fact]
    public async Task DeployAsync_ADeleteFails_NamesTheKubectlCommandAndKeepsTheOriginalFailure()
    {
        var ns = ClusterFixture.UniqueNamespace("nodelete");
        var faults = new ApiFaults(
            request => request.Method == HttpMethod.Delete && request.RequestUri!.AbsolutePath.EndsWith($"/namespaces/{ns}", StringComparison.Ordinal),
            HttpStatusCode.Forbidden,
            after: 0,
            message: $"namespaces \"{ns}\" is forbidden: User \"deployer\" cannot delete resource \"namespaces\"");
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), faults);

        var failure = await FailAsync<RolloutFailedException>(client, Release(ns, MissingTag), Fast);

        failure.Diagnosis.Hints.Should().Contain($"the tag {MissingTag} is not in {fixture.Registry.Host}/orders: was Push skipped?");
        var cleanup = failure.Rollback!.Cleanup!;
        cleanup.Complete.Should().BeFalse();
        cleanup.Removals[^1].Should().Match<ObjectRemoval>(removal => removal.Outcome == RemovalOutcome.Failed && removal.Object.Kind == "Namespace");
        failure.Message.Should().StartWith(failure.Diagnosis.ToString())
            .And.Contain($"secret/{TestManifests.PullSecretName} ({ns}) deleted")
            .And.EndWith($"namespace/{ns} not deleted (HTTP 403 namespaces \"{ns}\" is forbidden: User \"deployer\" cannot delete resource \"namespaces\"): delete it with kubectl delete namespace/{ns}");
        (await client.CoreV1.ReadNamespaceAsync(ns)).Metadata.Name.Should().Be(ns, "the refused delete left the namespace");
    }

    [Fact]
    public async Task DeployAsync_UserManifestWithNamespaceServiceAccountAndDeployment_AppliesTheServiceAccountBeforeTheDeployment()
    {
        var ns = ClusterFixture.UniqueNamespace("sa");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "with-service-account.yaml");
        var settings = new DeploymentSettings(DnsLabel.Parse("orders"), ImageReference.Parse(Image("v1.0.0")), ReleaseVersion.Parse("1.0.0"))
        {
            Namespace = DnsLabel.Parse(ns),
        };
        var rendered = ManifestRenderer.RenderFromManifestText((await File.ReadAllTextAsync(path)).Replace("namespace: shop", $"namespace: {ns}", StringComparison.Ordinal).Replace("name: shop", $"name: {ns}", StringComparison.Ordinal), path, settings);
        var manifests = rendered.WithPullSecret(new PullSecret(settings.PullSecretName, settings.Namespace, fixture.Registry.Host, fixture.Registry.Credentials));

        var result = await new ClusterDeployment(client).DeployAsync(manifests, Fast, CancellationToken.None);

        result.Applied.Select(item => item.ToString()).Should().Equal(
            $"namespace/{ns} created", $"secret/{TestManifests.PullSecretName} ({ns}) created", $"serviceaccount/orders ({ns}) created", $"deployment/orders ({ns}) created");
        result.Rollouts.Should().ContainSingle().Which.Revision.Should().Be(1);
        var account = await client.CoreV1.ReadNamespacedServiceAccountAsync("orders", ns);
        account.AutomountServiceAccountToken.Should().BeFalse();
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("orders", ns);
        deployment.Spec.Template.Spec.ServiceAccountName.Should().Be("orders");
    }

    private ManifestSet Release(string ns, string tag, params IKubernetesObject<V1ObjectMeta>[] extra) =>
        TestManifests.Set(
            ns,
            fixture.Registry.Host,
            fixture.Registry.Credentials,
            [TestManifests.Namespace(ns), TestManifests.Service(ns), .. extra, TestManifests.Deployment(ns, Image(tag))]);

    private async Task<TException> FailAsync<TException>(Kubernetes client, ManifestSet manifests, RolloutOptions options)
        where TException : Exception
    {
        var deploy = () => new ClusterDeployment(client).DeployAsync(manifests, options, CancellationToken.None);
        var failure = (await deploy.Should().ThrowAsync<TException>()).Which;
        output.WriteLine(failure.Message);
        return failure;
    }

    private static async Task ExpectNamespaceGoneAsync(Kubernetes client, string ns)
    {
        var read = () => client.CoreV1.ReadNamespaceAsync(ns);
        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private string Image(string tag) => ImageReference.Create(fixture.Registry.Host, "orders", tag).ToString();
}
