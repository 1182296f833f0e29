using System.Net;
using k8s;
using k8s.Models;
using Pipeline.KubeApiServerDouble;
using Pipeline.Registry;
using Xunit.Abstractions;

namespace Pipeline.Cluster.Tests;

/// <summary>
/// Rollouts against the Kubernetes API server TEST DOUBLE whose simulated kubelet pulls from a REAL docker-registry
/// with basic auth: the failure words in the diagnoses come from that registry.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RolloutTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly RolloutOptions Fast = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task WaitOrRollBackAsync_CompletesWhenImageIsInRegistryAndSecretIsRight()
    {
        var ns = ClusterFixture.UniqueNamespace("ok");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0")));

        var result = await Guard(client, Fast).WaitOrRollBackAsync(ns, TestManifests.App);

        result.Revision.Should().Be(1);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        deployment.Status.AvailableReplicas.Should().Be(1);
        deployment.Status.ObservedGeneration.Should().Be(deployment.Metadata.Generation);
    }

    [Fact]
    public async Task WaitOrRollBackAsync_NamesMissingPullSecretAndNamespace()
    {
        var ns = ClusterFixture.UniqueNamespace("nosecret");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await ApplyAsync(client, [TestManifests.Namespace(ns), TestManifests.Service(ns), TestManifests.Deployment(ns, Image("v1.0.0"))]);

        var failure = await FailAsync(Guard(client, Fast), ns);

        failure.Message.Should().Contain($"the Secret regcred is not in namespace {ns}");
        failure.Message.Should().Contain("no basic auth credentials", "the kubelet pulled anonymously and the registry wants basic auth");
        failure.Diagnosis.Pods.Should().ContainSingle().Which.Containers.Should().ContainSingle()
            .Which.State.Should().BeOneOf("ErrImagePull", "ImagePullBackOff");
        failure.Rollback!.Outcome.Should().Be(RollbackOutcome.NoPreviousRevision);
        failure.Message.Should().Contain("has no previous revision");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_ReportsRegistryRefusingWrongPassword()
    {
        var ns = ClusterFixture.UniqueNamespace("wrongpw");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        var wrong = new RegistryCredentials(fixture.Registry.Credentials.Username!, "not-the-password", CredentialSource.Explicit("test"));
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, wrong, Image("v1.0.0")));

        var failure = await FailAsync(Guard(client, Fast), ns);

        failure.Message.Should().Contain("401 Unauthorized");
        failure.Diagnosis.Hints.Should().Contain(hint => hint.StartsWith($"the pull Secret's credentials were refused by {fixture.Registry.Host}", StringComparison.Ordinal));
        failure.Message.Should().NotContain("not-the-password");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_ReportsMissingTagAsManifestUnknown()
    {
        var ns = ClusterFixture.UniqueNamespace("notag");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v9.9.9")));

        var failure = await FailAsync(Guard(client, Fast), ns);

        failure.Message.Should().Contain("manifest unknown");
        failure.Diagnosis.Hints.Should().Contain($"the tag v9.9.9 is not in {fixture.Registry.Host}/orders: was Push skipped?");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_ShowsLastLogLinesOfCrashingContainer()
    {
        var ns = ClusterFixture.UniqueNamespace("crash");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0"), PodBehaviour.Crash));

        var failure = await FailAsync(Guard(client, Fast), ns);

        var container = failure.Diagnosis.Pods.Single().Containers.Single();
        container.State.Should().Be("CrashLoopBackOff");
        container.LogLines.Should().Contain(line => line.Contains("simulated crash", StringComparison.Ordinal));
        failure.Message.Should().Contain("last log lines of app");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_RollsBackToPreviousRevisionWhenNewOneNeverBecomesReady()
    {
        var ns = ClusterFixture.UniqueNamespace("rollback");
        using var client = fixture.CreateClient();
        await DeployHealthyThenNeverReadyAsync(client, ns);
        var shortWait = Fast with { Timeout = TimeSpan.FromSeconds(1.5) };

        var failure = await FailAsync(Guard(client, shortWait), ns);

        failure.Diagnosis.Reason.Should().StartWith("timed out after");
        failure.Diagnosis.Pods.Single().Containers.Single().State.Should().Be("NotReady");
        failure.Rollback.Should().BeEquivalentTo(new RollbackResult(RollbackOutcome.RolledBack, 2, 1, [Image("v1.0.0")]));
        failure.Message.Should().Contain("rolled back from revision 2 to revision 1");
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(Image("v1.0.0"));
        deployment.Spec.Template.Metadata.Annotations.Should().BeNull("the failed template's behaviour annotation goes with it");
        var restored = await new RolloutWatcher(client, TimeProvider.System, Fast).WaitAsync(ns, TestManifests.App);
        restored.Revision.Should().Be(3, "the deployment controller gives the restored template the next revision");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_LeavesFailedRevisionWhenRollbackIsDisabled()
    {
        var ns = ClusterFixture.UniqueNamespace("norollback");
        using var client = fixture.CreateClient();
        await DeployHealthyThenNeverReadyAsync(client, ns);
        var options = Fast with { Timeout = TimeSpan.FromSeconds(1.5), RollbackOnFailure = false };

        var failure = await FailAsync(Guard(client, options), ns);

        failure.Rollback!.Outcome.Should().Be(RollbackOutcome.Disabled);
        failure.Message.Should().Contain("rollback is disabled");
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(Image("v1.0.1"));
    }

    [Fact]
    public async Task WaitOrRollBackAsync_Cancelled_RollsBackBeforeReportingTheCancellation()
    {
        var ns = ClusterFixture.UniqueNamespace("cancel");
        using var client = fixture.CreateClient();
        await DeployHealthyThenNeverReadyAsync(client, ns);
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        var act = () => Guard(client, Fast).WaitOrRollBackAsync(ns, TestManifests.App, ctrlC.Token);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.Message.Should().Contain("rolled back from revision 2 to revision 1");
        await ExpectServingAsync(client, ns, "v1.0.0");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_ApiServerErrorWhileWatching_RollsBack()
    {
        var ns = ClusterFixture.UniqueNamespace("watch500");
        using var setup = fixture.CreateClient();
        await DeployHealthyThenNeverReadyAsync(setup, ns);
        var faults = new ApiFaults(request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith($"/deployments/{TestManifests.App}", StringComparison.Ordinal), HttpStatusCode.InternalServerError, after: 2);
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), faults);

        var act = () => Guard(client, Fast).WaitOrRollBackAsync(ns, TestManifests.App);

        var failure = (await act.Should().ThrowAsync<ClusterException>()).Which;
        failure.Kind.Should().Be(ClusterFailureKind.RolloutFailed);
        failure.Message.Should().Contain("InternalServerError").And.Contain("rolled back from revision 2 to revision 1");
        await ExpectServingAsync(setup, ns, "v1.0.0");
    }

    [Fact]
    public async Task WaitOrRollBackAsync_NoRightToListEvents_StillDiagnosesAndRollsBack()
    {
        var ns = ClusterFixture.UniqueNamespace("noevents");
        using var setup = fixture.CreateClient();
        await DeployHealthyThenNeverReadyAsync(setup, ns);
        var faults = new ApiFaults(request => request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal), HttpStatusCode.Forbidden, after: 0);
        using var client = new Kubernetes(fixture.ApiServer.ClientConfiguration(), faults);

        var failure = await FailAsync(Guard(client, Fast with { Timeout = TimeSpan.FromSeconds(1.5) }), ns);

        failure.Diagnosis.Pods.Single().Containers.Single().State.Should().Be("NotReady", "the pods' own states need no events");
        failure.Rollback!.Outcome.Should().Be(RollbackOutcome.RolledBack);
        faults.Injected.Should().BeGreaterThan(0, "the diagnosis asked for events and was refused");
        await ExpectServingAsync(setup, ns, "v1.0.0");
    }

    [Fact]
    public async Task WaitAsync_TimesOutByInjectedClockWithDefaultTimeout()
    {
        var ns = ClusterFixture.UniqueNamespace("clock");
        using var client = fixture.CreateClient();
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0"), PodBehaviour.NeverReady));
        var watcher = new RolloutWatcher(client, new SteppingTimeProvider(), new RolloutOptions());

        var act = () => watcher.WaitAsync(ns, TestManifests.App);

        var failure = (await act.Should().ThrowAsync<RolloutFailedException>()).Which;
        failure.Diagnosis.Reason.Should().Be("timed out after 5m");
        failure.Rollback.Should().BeNull("the watcher only watches; RolloutGuard rolls back");
    }

    [Fact]
    public async Task WaitAsync_FailsNamingDeploymentThatDoesNotExist()
    {
        using var client = fixture.CreateClient();

        var act = () => new RolloutWatcher(client, TimeProvider.System, Fast).WaitAsync("nowhere", "ghost");

        (await act.Should().ThrowAsync<ClusterException>())
            .Which.Should().Match<ClusterException>(e => e.Kind == ClusterFailureKind.DeploymentNotFound && e.Message.Contains("'ghost'"));
    }

    private async Task DeployHealthyThenNeverReadyAsync(Kubernetes client, string ns)
    {
        await fixture.Registry.SeedImageAsync("orders", "v1.0.0");
        await fixture.Registry.SeedImageAsync("orders", "v1.0.1");
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.0")));
        await new RolloutWatcher(client, TimeProvider.System, Fast).WaitAsync(ns, TestManifests.App);
        await ApplyAsync(client, TestManifests.All(ns, fixture.Registry.Host, fixture.Registry.Credentials, Image("v1.0.1"), PodBehaviour.NeverReady));
    }

    private async Task ExpectServingAsync(Kubernetes client, string ns, string tag)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestManifests.App, ns);
        deployment.Spec.Template.Spec.Containers.Single().Image.Should().Be(Image(tag));
    }

    private async Task<RolloutFailedException> FailAsync(RolloutGuard guard, string ns)
    {
        var act = () => guard.WaitOrRollBackAsync(ns, TestManifests.App);
        var failure = (await act.Should().ThrowAsync<RolloutFailedException>()).Which;
        output.WriteLine(failure.Message);
        return failure;
    }

    private static RolloutGuard Guard(Kubernetes client, RolloutOptions options) =>
        new(new RolloutWatcher(client, TimeProvider.System, options), new RolloutRollback(client), options);

    private static async Task ApplyAsync(Kubernetes client, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) =>
        await new ManifestApplier(client).ApplyAsync(objects);

    private string Image(string tag) => ImageReference.Create(fixture.Registry.Host, "orders", tag).ToString();
}
