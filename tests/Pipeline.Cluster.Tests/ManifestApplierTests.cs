using k8s;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ManifestApplierTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ApplyAsync_CreatesObjectsInGivenOrder()
    {
        var ns = ClusterFixture.UniqueNamespace("apply");
        using var client = fixture.CreateClient();
        var objects = TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0"));

        var applied = await new ManifestApplier(client).ApplyAsync(objects);

        applied.Select(item => item.Kind).Should().Equal("Namespace", "Secret", "Service", "Deployment");
        applied.Should().OnlyContain(item => item.Change == ApplyChange.Created && item.ResourceVersion.Length > 0);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        deployment.Spec.Template.Spec.Containers[0].Image.Should().Be(Image("v1.0.0"));
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(TestManifests.PullSecretName, ns);
        secret.Type.Should().Be("kubernetes.io/dockerconfigjson");
    }

    [Fact]
    public async Task ApplyAsync_ASetWithObjectsItCannotApply_AppliesNothingAndNamesEach()
    {
        var ns = ClusterFixture.UniqueNamespace("whole");
        using var client = fixture.CreateClient();
        var withoutNamespace = TestManifests.Deployment(ns, Image("v1.0.0"));
        withoutNamespace.Metadata.NamespaceProperty = null;
        IKubernetesObject<V1ObjectMeta>[] objects =
        [
            TestManifests.Namespace(ns),
            TestManifests.PullSecret(ns, fixture.Registry.Host, fixture.Registry.Credentials),
            new V1Role { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = V1Role.KubeKind, Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = ns } },
            withoutNamespace,
        ];

        var apply = () => new ManifestApplier(client).ApplyAsync(objects);

        var failure = (await apply.Should().ThrowAsync<ClusterException>()).Which;
        failure.Kind.Should().Be(ClusterFailureKind.UnsupportedObject);
        failure.Message.Should().StartWith("nothing was applied, as 2 objects cannot be")
            .And.Contain("V1Role 'orders' (rbac.authorization.k8s.io/v1) cannot be applied: this stage applies v1 Namespace, v1 ServiceAccount, v1 Secret, "
                + "v1 ConfigMap, v1 PersistentVolumeClaim, v1 Service, networking.k8s.io/v1 Ingress, autoscaling/v2 HorizontalPodAutoscaler, "
                + "policy/v1 PodDisruptionBudget and apps/v1 Deployment")
            .And.Contain($"V1Deployment '{TestManifests.App}' has no metadata.namespace");
        var read = () => client.CoreV1.ReadNamespaceAsync(ns);
        await read.Should().ThrowAsync<k8s.Autorest.HttpOperationException>("the Namespace first in the set was not created either");
    }

    [Fact]
    public async Task ApplyAsync_ServiceAccountAutoscalerAndDisruptionBudget_AreCreatedThenUnchanged()
    {
        var ns = ClusterFixture.UniqueNamespace("kinds");
        using var client = fixture.CreateClient();
        var applier = new ManifestApplier(client);
        IKubernetesObject<V1ObjectMeta>[] Objects() =>
            [TestManifests.Namespace(ns), TestManifests.ServiceAccount(ns), TestManifests.Autoscaler(ns), TestManifests.DisruptionBudget(ns)];

        var first = await applier.ApplyAsync(Objects());
        var second = await applier.ApplyAsync(Objects());

        first.Select(item => item.ToString()).Should().Equal(
            $"namespace/{ns} created", $"serviceaccount/{TestManifests.App} ({ns}) created",
            $"horizontalpodautoscaler/{TestManifests.App} ({ns}) created", $"poddisruptionbudget/{TestManifests.App} ({ns}) created");
        second.Should().OnlyContain(item => item.Change == ApplyChange.Unchanged);
        second.Select(item => item.ResourceVersion).Should().Equal(first.Select(item => item.ResourceVersion));
        (await client.CoreV1.ReadNamespacedServiceAccountAsync(TestManifests.App, ns)).AutomountServiceAccountToken.Should().BeFalse();
        var autoscaler = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(TestManifests.App, ns);
        autoscaler.Spec.ScaleTargetRef.Name.Should().Be(TestManifests.App);
        autoscaler.Spec.Metrics.Single().Resource.Target.AverageUtilization.Should().Be(80);
        var budget = await client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(TestManifests.App, ns);
        budget.Spec.MinAvailable.Value.Should().Be("1");
        budget.Spec.Selector.MatchLabels.Should().Contain("app.kubernetes.io/name", TestManifests.App);
    }

    [Fact]
    public async Task ApplyAsync_ChangedAutoscaler_IsReportedConfigured()
    {
        var ns = ClusterFixture.UniqueNamespace("hpa");
        using var client = fixture.CreateClient();
        var applier = new ManifestApplier(client);
        await applier.ApplyAsync([TestManifests.Namespace(ns), TestManifests.Autoscaler(ns, maxReplicas: 5)]);

        var applied = await applier.ApplyAsync([TestManifests.Namespace(ns), TestManifests.Autoscaler(ns, maxReplicas: 8)]);

        applied[1].ToString().Should().Be($"horizontalpodautoscaler/{TestManifests.App} ({ns}) configured");
        (await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(TestManifests.App, ns)).Spec.MaxReplicas.Should().Be(8);
    }

    [Fact]
    public async Task ApplyAsync_SecondApplyOfSameObjectsChangesNothing()
    {
        var ns = ClusterFixture.UniqueNamespace("idem");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        var applier = new ManifestApplier(client);
        var first = await applier.ApplyAsync(TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0")));
        await new RolloutWatcher(client, TimeProvider.System, Fast()).WaitAsync(ns, TestManifests.App);
        var settled = await ResourceVersionsAsync(client, ns);

        var second = await applier.ApplyAsync(TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0")));

        second.Should().OnlyContain(item => item.Change == ApplyChange.Unchanged);
        second.Select(item => item.ResourceVersion).Should().Equal(settled);
        first.Select(item => item.Name).Should().Equal(second.Select(item => item.Name));
    }

    [Fact]
    public async Task ApplyAsync_ReportsChangedWhenImageChanges()
    {
        var ns = ClusterFixture.UniqueNamespace("change");
        using var client = fixture.CreateClient();
        var applier = new ManifestApplier(client);
        await applier.ApplyAsync([TestManifests.Namespace(ns), TestManifests.Deployment(ns, Image("v1.0.0"))]);
        var before = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);

        var applied = await applier.ApplyAsync([TestManifests.Namespace(ns), TestManifests.Deployment(ns, Image("v1.0.1"))]);

        applied[0].Change.Should().Be(ApplyChange.Unchanged);
        applied[1].Change.Should().Be(ApplyChange.Changed);
        var after = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        after.Metadata.Generation.Should().Be(before.Metadata.Generation + 1);
    }

    [Fact]
    public async Task ApplyAsync_FailsNamingNamespaceWhenItDoesNotExist()
    {
        var ns = ClusterFixture.UniqueNamespace("nons");
        using var client = fixture.CreateClient();

        var act = () => new ManifestApplier(client).ApplyAsync([TestManifests.Service(ns)]);

        (await act.Should().ThrowAsync<ClusterException>())
            .Which.Should().Match<ClusterException>(e => e.Kind == ClusterFailureKind.ApplyRejected
                && e.Message.Contains($"namespaces \"{ns}\" not found"));
    }

    [Fact]
    public async Task ApplyAsync_RejectsNamespacedObjectWithoutNamespace()
    {
        using var client = fixture.CreateClient();
        var service = TestManifests.Service("x");
        service.Metadata.NamespaceProperty = null;

        var act = () => new ManifestApplier(client).ApplyAsync([service]);

        (await act.Should().ThrowAsync<ClusterException>()).Which.Kind.Should().Be(ClusterFailureKind.UnsupportedObject);
    }

    private string Image(string tag) => ImageReference.Create(fixture.Registry.Host, "orders", tag).ToString();

    private static RolloutOptions Fast() => new() { Timeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(50) };

    private static async Task<List<string>> ResourceVersionsAsync(Kubernetes client, string ns) =>
    [
        (await client.CoreV1.ReadNamespaceAsync(ns)).Metadata.ResourceVersion,
        (await client.CoreV1.ReadNamespacedSecretAsync(TestManifests.PullSecretName, ns)).Metadata.ResourceVersion,
        (await client.CoreV1.ReadNamespacedServiceAsync(TestManifests.App, ns)).Metadata.ResourceVersion,
        (await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns)).Metadata.ResourceVersion,
    ];
}
