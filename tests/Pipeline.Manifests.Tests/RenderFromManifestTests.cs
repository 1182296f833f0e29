using k8s;
using k8s.Models;
using Pipeline.Version;

namespace Pipeline.Manifests.Tests;

public sealed class RenderFromManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("manifests-user-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<ManifestSet> RenderFixtureAsync(string fixture, DeploymentSettings? settings = null) =>
        ManifestRenderer.RenderFromManifestAsync(Samples.Fixture(fixture), settings ?? Samples.Settings);

    // The fixture loaded by KubernetesClient alone, one document at a time (it cannot skip empty documents).
    private static List<object> LoadFixtureUntouched(string fixture) =>
        [.. File.ReadAllText(Samples.Fixture(fixture)).Split("---\n")
            .Where(document => document.Contains("kind:", StringComparison.Ordinal))
            .Select(document => KubernetesYaml.LoadAllFromString(document, strict: true).Single())];

    [Fact]
    public async Task RenderFromManifestAsync_ChangesOnlyTheServiceContainersImageAndThePullSecrets()
    {
        var manifests = await RenderFixtureAsync("team-manifest.yaml");

        var expected = (V1Deployment)LoadFixtureUntouched("team-manifest.yaml").Single(o => o is V1Deployment);
        expected.Spec.Template.Spec.Containers.Single(c => c.Name == "orders-api").Image = "127.0.0.1:5000/orders-api:v3.2.1";
        expected.Spec.Template.Spec.ImagePullSecrets.Add(new V1LocalObjectReference { Name = "regcred" });
        KubernetesYaml.Serialize(manifests.Deployments.Should().ContainSingle().Subject).Should().Be(KubernetesYaml.Serialize(expected));
    }

    [Fact]
    public async Task RenderFromManifestAsync_LeavesTheSidecarAlone()
    {
        var manifests = await RenderFixtureAsync("team-manifest.yaml");

        var containers = manifests.Deployments[0].Spec.Template.Spec.Containers;
        containers.Select(c => (c.Name, c.Image)).Should().Equal(
            ("log-shipper", "registry.example.com/tools/shipper:1.4"),
            ("orders-api", "127.0.0.1:5000/orders-api:v3.2.1"));
        manifests.Deployments[0].Spec.Template.Spec.ImagePullSecrets.Select(s => s.Name).Should().Equal("mirror-pull", "regcred");
    }

    [Fact]
    public async Task RenderFromManifestAsync_KeepsTheOtherDocumentsAsTheyAre()
    {
        var manifests = await RenderFixtureAsync("team-manifest.yaml");

        var untouched = LoadFixtureUntouched("team-manifest.yaml").Where(o => o is not V1Deployment).Select(KubernetesYaml.Serialize);
        manifests.Documents.Where(d => d is not V1Deployment).Select(KubernetesYaml.Serialize).Should().Equal(untouched);
        manifests.Documents.Select(d => d.Kind).Should().Equal("ConfigMap", "Service", "Deployment");
    }

    [Fact]
    public async Task RenderFromManifestAsync_PinsByDigestWhenAsked()
    {
        var manifests = await RenderFixtureAsync("team-manifest.yaml", Samples.Settings with { PinByDigest = true });

        manifests.Deployments[0].Spec.Template.Spec.Containers[1].Image.Should().Be($"127.0.0.1:5000/orders-api@{Samples.DigestText}");
    }

    [Fact]
    public async Task RenderFromManifestAsync_DoesNotAddThePullSecretTwice()
    {
        var manifests = await RenderFixtureAsync("team-manifest.yaml", Samples.Settings with { PullSecretName = DnsLabel.Parse("mirror-pull") });

        manifests.Deployments[0].Spec.Template.Spec.ImagePullSecrets.Select(s => s.Name).Should().Equal("mirror-pull");
    }

    [Fact]
    public async Task RenderFromManifestAsync_AmbiguousContainersNameTheContainers()
    {
        var render = () => RenderFixtureAsync("two-unnamed-containers.yaml");

        (await render.Should().ThrowAsync<ManifestException>())
            .Where(e => e.Kind == ManifestFailureKind.AmbiguousContainer)
            .WithMessage("Deployment 'orders' in '*two-unnamed-containers.yaml' has containers 'web', 'worker' and none is named 'orders-api'*name the service container 'orders-api'*");
    }

    [Fact]
    public void RenderFromManifestText_SetsTheOnlyContainerWhateverItsName()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: old:1\n";

        var manifests = ManifestRenderer.RenderFromManifestText(yaml, "inline.yaml", Samples.Settings);

        manifests.Deployments[0].Spec.Template.Spec.Containers[0].Image.Should().Be("127.0.0.1:5000/orders-api:v3.2.1");
        manifests.Deployments[0].Spec.Template.Spec.ImagePullSecrets.Select(s => s.Name).Should().Equal("regcred");
    }

    [Fact]
    public void RenderFromManifestText_RunsTheConfigureDeploymentHook()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n";

        var manifests = ManifestRenderer.RenderFromManifestText(yaml, "inline.yaml", Samples.Settings with { ConfigureDeployment = d => d.Spec.Replicas = 4 });

        manifests.Deployments[0].Spec.Replicas.Should().Be(4);
    }

    [Fact]
    public void RenderFromManifestText_WithoutADeploymentSaysWhatItFound()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

        var render = () => ManifestRenderer.RenderFromManifestText(yaml, "only-config.yaml", Samples.Settings);

        render.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.NoDeployment)
            .WithMessage("'only-config.yaml' holds ConfigMap but no apps/v1 Deployment*");
    }

    [Fact]
    public void RenderFromManifestText_WithASecret_IsRefusedNamingItAndTheFix()
    {
        const string yaml = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-password
            stringData:
              password: hunter2
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders-api
            spec:
              selector: { matchLabels: { app: orders-api } }
              template:
                metadata: { labels: { app: orders-api } }
                spec:
                  containers: [{ name: orders-api, image: placeholder }]
            """;

        var render = () => ManifestRenderer.RenderFromManifestText(yaml, "with-secret.yaml", Samples.Settings);

        render.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.SecretInManifest)
            .WithMessage("'with-secret.yaml' holds the Secret 'db-password'*create it in the cluster yourself*")
            .Which.Message.Should().NotContain("hunter2");
    }

    [Fact]
    public void RenderFromManifestText_UnknownFieldsFailInsteadOfBeingDropped()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicaz: 2\n";

        var render = () => ManifestRenderer.RenderFromManifestText(yaml, "typo.yaml", Samples.Settings);

        render.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.ManifestUnreadable)
            .WithMessage("document 1 of 'typo.yaml' ('Deployment' 'orders') does not match the Kubernetes schema*replicaz*");
    }

    [Fact]
    public async Task RenderFromManifestAsync_ACronJob_IsRefusedNamingTheFileTheKindTheSupportedListAndTheFix()
    {
        var path = Samples.Fixture("with-cronjob.yaml");

        var render = () => ManifestRenderer.RenderFromManifestAsync(path, Samples.Settings);

        (await render.Should().ThrowAsync<ManifestException>()).Where(e => e.Kind == ManifestFailureKind.UnknownKind)
            .WithMessage($"document 2 of '{path}' is a 'CronJob' (batch/v1), which Deploy does not apply: the supported kinds are "
                + "v1 Namespace, v1 ServiceAccount, v1 Secret, v1 ConfigMap, v1 PersistentVolumeClaim, v1 Service, networking.k8s.io/v1 Ingress, "
                + "autoscaling/v2 HorizontalPodAutoscaler, policy/v1 PodDisruptionBudget and apps/v1 Deployment. "
                + "Create it in the cluster yourself (from a file of its own), or take it out of this file");
    }

    [Fact]
    public void RenderFromManifestText_ACustomResource_IsRefusedWithTheSupportedList()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n      - name: orders-api\n"
            + "---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: orders\n";

        var render = () => ManifestRenderer.RenderFromManifestText(yaml, "crd.yaml", Samples.Settings);

        render.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.UnknownKind)
            .WithMessage($"document 2 of 'crd.yaml' is a 'ServiceMonitor' (monitoring.coreos.com/v1)*{SupportedKinds.Description}*");
    }

    [Fact]
    public void RenderFromManifestText_AKindOfAnotherApiVersionThanTheSupportedOne_IsRefused()
    {
        const string yaml = "apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: orders\nspec:\n  maxReplicas: 3\n"
            + "  scaleTargetRef: { kind: Deployment, name: orders }\n";

        var render = () => ManifestRenderer.RenderFromManifestText(yaml, "hpa.yaml", Samples.Settings);

        render.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.UnknownKind)
            .WithMessage("document 1 of 'hpa.yaml' is a 'HorizontalPodAutoscaler' (autoscaling/v1), which Deploy does not apply*autoscaling/v2 HorizontalPodAutoscaler*");
    }

    [Fact]
    public void RenderFromManifestText_InvalidYamlGivesLineAndColumn()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [unclosed\n";

        var render = () => ManifestRenderer.RenderFromManifestText(yaml, "broken.yaml", Samples.Settings);

        render.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.ManifestUnreadable)
            .WithMessage("'broken.yaml' is not valid YAML (line *, column *)*");
    }

    [Fact]
    public async Task RenderFromManifestAsync_MissingFileNamesThePath()
    {
        var path = Path.Combine(_directory, "nope.yaml");

        var render = () => ManifestRenderer.RenderFromManifestAsync(path, Samples.Settings);

        (await render.Should().ThrowAsync<ManifestException>())
            .Where(e => e.Kind == ManifestFailureKind.ManifestNotFound)
            .WithMessage($"manifest '{path}' does not exist: check the manifest path (relative paths start at*");
    }

    [Fact]
    public async Task RenderFromManifestAsync_MissingFileNamesTheManifestInputAsTheCallerCallsIt()
    {
        var path = Path.Combine(_directory, "nope.yaml");
        var settings = Samples.Settings with { Inputs = new StageInputNames { Manifest = "the 'manifest' argument" } };

        var render = () => ManifestRenderer.RenderFromManifestAsync(path, settings);

        (await render.Should().ThrowAsync<ManifestException>())
            .WithMessage($"manifest '{path}' does not exist: check the 'manifest' argument (relative paths start at*");
    }

    [Fact]
    public async Task RenderFromManifestAsync_WritesDeterministically()
    {
        var first = ManifestWriter.ToYaml(await RenderFixtureAsync("team-manifest.yaml"));
        var second = ManifestWriter.ToYaml(await RenderFixtureAsync("team-manifest.yaml"));

        first.Should().Be(second);
        first.Should().Contain("image: 127.0.0.1:5000/orders-api:v3.2.1");
    }
}
