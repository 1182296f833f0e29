using k8s.Models;

namespace Pipeline.Manifests.Tests;

public class ManifestRendererTests
{
    private static V1Deployment RenderDeployment(DeploymentSettings settings) =>
        ManifestRenderer.Render(settings).Deployments.Should().ContainSingle().Subject;

    [Fact]
    public void Render_ReturnsNamespaceServiceDeploymentInApplyOrder()
    {
        var manifests = ManifestRenderer.Render(Samples.Settings);

        manifests.Documents.Select(d => d.Kind).Should().Equal("Namespace", "Service", "Deployment");
        manifests.Documents.Select(d => d.ApiVersion).Should().Equal("v1", "v1", "apps/v1");
        manifests.PullSecret.Should().BeNull();
    }

    [Fact]
    public void Render_DeploymentIsNamedAfterTheArtifactInTheNamespace()
    {
        var deployment = RenderDeployment(Samples.Settings with { Namespace = DnsLabel.Parse("shop") });

        deployment.Metadata.Name.Should().Be("orders-api");
        deployment.Metadata.NamespaceProperty.Should().Be("shop");
        deployment.Spec.Replicas.Should().Be(1);
    }

    [Fact]
    public void Render_DeploymentCarriesTheRecommendedLabels()
    {
        var deployment = RenderDeployment(Samples.Settings with { ExtraLabels = new Dictionary<string, string> { ["team"] = "checkout" } });

        var expected = new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "pipeline",
            ["app.kubernetes.io/name"] = "orders-api",
            ["app.kubernetes.io/version"] = "3.2.1",
            ["team"] = "checkout",
        };
        deployment.Metadata.Labels.Should().Equal(expected);
        deployment.Spec.Template.Metadata.Labels.Should().Equal(expected);
    }

    [Fact]
    public void Render_SelectorHoldsOnlyTheStableNameAndMatchesTheTemplate()
    {
        var deployment = RenderDeployment(Samples.Settings);

        deployment.Spec.Selector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "orders-api" });
        deployment.Spec.Template.Metadata.Labels.Should().Contain(deployment.Spec.Selector.MatchLabels);
    }

    [Fact]
    public void Render_VersionLabelTurnsBuildMetadataPlusIntoUnderscore()
    {
        var deployment = RenderDeployment(Samples.Settings with { Release = Pipeline.Version.ReleaseVersion.Parse("1.0.0-rc.1+abc") });

        deployment.Metadata.Labels["app.kubernetes.io/version"].Should().Be("1.0.0-rc.1_abc");
        deployment.Metadata.Annotations["pipeline.io/release"].Should().Be("1.0.0-rc.1+abc");
    }

    [Fact]
    public void Render_PodsPullWithThePullSecret()
    {
        var deployment = RenderDeployment(Samples.Settings with { PullSecretName = DnsLabel.Parse("nexus-pull") });

        deployment.Spec.Template.Spec.ImagePullSecrets.Select(s => s.Name).Should().Equal("nexus-pull");
    }

    [Fact]
    public void Render_AnnotatesReleaseRevisionAndDigest()
    {
        var deployment = RenderDeployment(Samples.Settings);

        deployment.Metadata.Annotations.Should().Equal(new Dictionary<string, string>
        {
            ["pipeline.io/digest"] = Samples.DigestText,
            ["pipeline.io/release"] = "3.2.1",
            ["pipeline.io/revision"] = Samples.Revision,
        });
    }

    [Fact]
    public void Render_LeavesUnknownRevisionAndDigestOut()
    {
        var deployment = RenderDeployment(new DeploymentSettings(Samples.Artifact, Samples.Image, Samples.Release));

        deployment.Metadata.Annotations.Keys.Should().Equal("pipeline.io/release");
    }

    [Fact]
    public void Render_RunsTheTaggedImageByDefault()
    {
        var container = RenderDeployment(Samples.Settings).Spec.Template.Spec.Containers.Should().ContainSingle().Subject;

        container.Name.Should().Be("orders-api");
        container.Image.Should().Be("127.0.0.1:5000/orders-api:v3.2.1");
    }

    [Fact]
    public void Render_PinsTheImageByDigestWhenAsked()
    {
        var container = RenderDeployment(Samples.Settings with { PinByDigest = true }).Spec.Template.Spec.Containers[0];

        container.Image.Should().Be($"127.0.0.1:5000/orders-api@{Samples.DigestText}");
    }

    [Fact]
    public void Render_ReadinessProbeGetsThePathOnTheContainerPort()
    {
        var container = RenderDeployment(Samples.Settings with { ContainerPort = 5000, ReadinessProbePath = "/ready" })
            .Spec.Template.Spec.Containers[0];

        container.Ports.Should().ContainSingle().Which.ContainerPort.Should().Be(5000);
        container.ReadinessProbe.HttpGet.Path.Should().Be("/ready");
        container.ReadinessProbe.HttpGet.Port.Value.Should().Be("5000");
    }

    [Fact]
    public void Render_SetsRequestsAndLimits()
    {
        var resources = RenderDeployment(Samples.Settings with { Resources = new ContainerResources("250m", "256Mi", null, "512Mi") })
            .Spec.Template.Spec.Containers[0].Resources;

        resources.Requests.ToDictionary(r => r.Key, r => r.Value.ToString()).Should()
            .Equal(new Dictionary<string, string> { ["cpu"] = "250m", ["memory"] = "256Mi" });
        resources.Limits.ToDictionary(r => r.Key, r => r.Value.ToString()).Should()
            .Equal(new Dictionary<string, string> { ["memory"] = "512Mi" });
    }

    [Fact]
    public void Render_KeepsEnvironmentVariablesInOrder()
    {
        var settings = Samples.Settings with
        {
            Environment = [new("Z_FIRST", "1"), new("A_SECOND", "2"), new("M_THIRD", "3")],
        };

        var env = RenderDeployment(settings).Spec.Template.Spec.Containers[0].Env;

        env.Select(e => (e.Name, e.Value)).Should().Equal(("Z_FIRST", "1"), ("A_SECOND", "2"), ("M_THIRD", "3"));
    }

    [Fact]
    public void Render_PutsExtraAnnotationsOnDeploymentAndPods()
    {
        var deployment = RenderDeployment(Samples.Settings with
        {
            ExtraAnnotations = new Dictionary<string, string> { ["prometheus.io/scrape"] = "true" },
        });

        deployment.Metadata.Annotations.Should().Contain("prometheus.io/scrape", "true");
        deployment.Spec.Template.Metadata.Annotations.Should().Equal(new Dictionary<string, string> { ["prometheus.io/scrape"] = "true" });
    }

    [Fact]
    public void Render_RejectsExtraLabelsThatWouldBreakTheSelector()
    {
        var render = () => ManifestRenderer.Render(Samples.Settings with
        {
            ExtraLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "other" },
        });

        render.Should().Throw<ManifestException>()
            .WithMessage("extra label 'app.kubernetes.io/name' is set by Pipeline itself*");
    }

    [Fact]
    public void Render_RejectsInvalidLabelValues()
    {
        var render = () => ManifestRenderer.Render(Samples.Settings with
        {
            ExtraLabels = new Dictionary<string, string> { ["team"] = "check out" },
        });

        render.Should().Throw<ManifestException>().WithMessage("extra label 'team' has invalid value 'check out'*");
    }

    [Fact]
    public void Render_RejectsAnnotationsInPipelinesPrefix()
    {
        var render = () => ManifestRenderer.Render(Samples.Settings with
        {
            ExtraAnnotations = new Dictionary<string, string> { ["pipeline.io/release"] = "9.9.9" },
        });

        render.Should().Throw<ManifestException>().WithMessage("extra annotation 'pipeline.io/release' uses the 'pipeline.io/' prefix*");
    }

    [Fact]
    public void Render_ConfigureDeploymentHookChangesOneThing()
    {
        var settings = Samples.Settings with
        {
            ConfigureDeployment = deployment =>
                deployment.Spec.Template.Spec.Containers[0].LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/live", Port = 8080 } },
        };

        var container = RenderDeployment(settings).Spec.Template.Spec.Containers[0];

        container.LivenessProbe.HttpGet.Path.Should().Be("/live");
        container.ReadinessProbe.HttpGet.Path.Should().Be("/healthz");
    }

    [Fact]
    public void Render_ServiceRoutesItsPortToTheContainerPortOfTheSelectedPods()
    {
        var manifests = ManifestRenderer.Render(Samples.Settings with { ServicePort = 8081 });
        var service = manifests.Documents.OfType<V1Service>().Should().ContainSingle().Subject;
        var deployment = manifests.Deployments[0];

        service.Metadata.Name.Should().Be("orders-api");
        service.Metadata.NamespaceProperty.Should().Be("default");
        service.Spec.Type.Should().Be("ClusterIP");
        service.Spec.Selector.Should().Equal(deployment.Spec.Selector.MatchLabels);
        var port = service.Spec.Ports.Should().ContainSingle().Subject;
        port.Port.Should().Be(8081);
        port.TargetPort.Value.Should().Be("8080");
        port.Name.Should().Be(deployment.Spec.Template.Spec.Containers[0].Ports[0].Name);
    }

    [Fact]
    public void Render_NamespaceIsJustTheName()
    {
        var ns = ManifestRenderer.Render(Samples.Settings with { Namespace = DnsLabel.Parse("shop") })
            .Documents.OfType<V1Namespace>().Should().ContainSingle().Subject;

        ns.Metadata.Name.Should().Be("shop");
        ns.Metadata.Labels.Should().BeNull();
    }
}
