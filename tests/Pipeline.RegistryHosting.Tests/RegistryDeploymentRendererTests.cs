using System.Text;
using k8s;
using k8s.Models;
using Pipeline.Manifests;
using Pipeline.RegistryHosting;

namespace Pipeline.RegistryHosting.Tests;

public sealed class RegistryDeploymentRendererTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-hosting-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ToYaml_MatchesTheGoldenFileByteForByte()
    {
        var yaml = RegistryDeploymentRenderer.Render(HostingSamples.Registry).ToYaml();

        Encoding.UTF8.GetBytes(yaml).Should().Equal(File.ReadAllBytes(HostingSamples.Fixture("registry.yaml")));
    }

    [Fact]
    public async Task WriteAsync_TwoRendersWriteIdenticalBytesAlthoughTheirHtpasswdSaltsDiffer()
    {
        var first = RegistryDeploymentRenderer.Render(HostingSamples.Registry);
        var second = RegistryDeploymentRenderer.Render(HostingSamples.Registry);

        var firstPath = await first.WriteAsync(Path.Combine(_directory, "a", "registry.yaml"), CancellationToken.None);
        var secondPath = await second.WriteAsync(Path.Combine(_directory, "b", "registry.yaml"), CancellationToken.None);

        File.ReadAllBytes(firstPath).Should().Equal(File.ReadAllBytes(secondPath));
        first.Secrets.Single().Data["htpasswd"].Should().NotEqual(second.Secrets.Single().Data["htpasswd"], "bcrypt salts are random, which is why the Secret stays out of the file");
    }

    [Fact]
    public void ToYaml_HoldsNoSecretAndNothingToMask()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry);

        var yaml = registry.ToYaml();

        KubernetesYaml.LoadAllFromString(yaml).Should().NotContain(document => document is V1Secret);
        registry.SecretsToMask.Should().NotBeEmpty().And.OnlyContain(secret => !yaml.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_HoldOneBcryptHtpasswdLineForTheUserThatVerifiesThePassword()
    {
        var secret = RegistryDeploymentRenderer.Render(HostingSamples.Registry).Secrets.Single();

        secret.Metadata.Name.Should().Be("registry-htpasswd");
        secret.Metadata.NamespaceProperty.Should().Be("registry");
        secret.Type.Should().Be("Opaque");
        var line = Encoding.UTF8.GetString(secret.Data["htpasswd"]);
        line.Should().EndWith("\n").And.StartWith("ci-pusher:$2y$");
        BCrypt.Net.BCrypt.Verify(HostingSamples.Password, line.TrimEnd('\n').Split(':', 2)[1]).Should().BeTrue();
    }

    [Fact]
    public void SecretsToMask_CoverThePasswordItsEscapedAndBase64FormsAndTheHtpasswdLine()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry);
        var file = registry.Secrets.Single().Data["htpasswd"];

        registry.SecretsToMask.Should().Contain(
        [
            HostingSamples.Password,
            "s3cret\\\"pass\\\\word",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(HostingSamples.Password)),
            Encoding.UTF8.GetString(file).TrimEnd('\n'),
            Convert.ToBase64String(file),
        ]);
        registry.ToString().Should().NotContain(HostingSamples.Password).And.Contain("registry-htpasswd");
    }

    [Fact]
    public void ApplyOrder_IsNamespaceThenTheSecretThenTheRestWithTheDeploymentLast()
    {
        var kinds = RegistryDeploymentRenderer.Render(HostingSamples.Registry).ApplyOrder.Select(document => document.Kind);

        kinds.Should().Equal("Namespace", "Secret", "PersistentVolumeClaim", "ConfigMap", "Service", "Ingress", "Deployment");
    }

    [Fact]
    public void ConfigMap_HoldsTheRegistryConfigWithStorageDeletesListenAddressAndHtpasswd()
    {
        var config = RegistryDeploymentRenderer.Render(HostingSamples.Registry).RegistryConfigYaml;

        RegistryConfigRewrite.Read(config, "storage", "filesystem", "rootdirectory").Should().Be("/var/lib/registry");
        RegistryConfigRewrite.Read(config, "storage", "delete", "enabled").Should().Be("true");
        RegistryConfigRewrite.Read(config, "http", "addr").Should().Be(":5000");
        RegistryConfigRewrite.Read(config, "auth", "htpasswd", "path").Should().Be("/auth/htpasswd");
        RegistryConfigRewrite.Read(config, "auth", "htpasswd", "realm").Should().NotBeNullOrEmpty();
        RegistryConfigRewrite.Read(config, "proxy", "remoteurl").Should().BeNull();
    }

    [Fact]
    public void Deployment_MountsConfigHtpasswdAndClaimWhereTheConfigLooksAndProbesRoot()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry);
        var pod = registry.Deployment.Spec.Template.Spec;
        var container = pod.Containers.Single();

        container.Image.Should().Be("registry:2");
        container.VolumeMounts.Select(mount => (mount.Name, mount.MountPath)).Should().Equal(
            ("config", "/etc/docker/registry"), ("auth", "/auth"), ("data", "/var/lib/registry"));
        pod.Volumes.Single(volume => volume.Name == "config").ConfigMap.Name.Should().Be(registry.ConfigMap.Metadata.Name);
        pod.Volumes.Single(volume => volume.Name == "auth").Secret.SecretName.Should().Be(registry.Secrets.Single().Metadata.Name);
        pod.Volumes.Single(volume => volume.Name == "data").PersistentVolumeClaim.ClaimName.Should().Be("registry-data");
        container.ReadinessProbe.HttpGet.Path.Should().Be("/");
        registry.Deployment.Spec.Strategy.Type.Should().Be("Recreate");
        registry.Deployment.Spec.Replicas.Should().Be(1);
    }

    [Fact]
    public void Render_WithHostPathStorage_MountsTheNodeDirectoryAndRendersNoClaim()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry with { Storage = RegistryStorage.HostPath("/srv/registry") });

        registry.Manifests.Documents.Should().NotContain(document => document is V1PersistentVolumeClaim);
        var data = registry.Deployment.Spec.Template.Spec.Volumes.Single(volume => volume.Name == "data");
        data.HostPath.Path.Should().Be("/srv/registry");
        data.HostPath.Type.Should().Be("DirectoryOrCreate");
    }

    [Fact]
    public void Render_WithoutIngress_RendersNoIngress()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry with { Ingress = null });

        registry.Manifests.Documents.Should().NotContain(document => document is V1Ingress);
    }

    [Fact]
    public void Ingress_WithoutIssuer_KeepsTheBodySizeAnnotationAndTlsButNoCertManager()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry with
        {
            Ingress = new RegistryIngressSettings("registry.internal.example") { TlsSecretName = DnsLabel.Parse("own-cert") },
        });

        var ingress = registry.Manifests.Documents.OfType<V1Ingress>().Single();
        ingress.Metadata.Annotations.Should().Equal(new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/proxy-body-size"] = "0" });
        ingress.Spec.IngressClassName.Should().Be("nginx");
        ingress.Spec.Tls.Single().SecretName.Should().Be("own-cert");
        ingress.Spec.Tls.Single().Hosts.Should().Equal("registry.internal.example");
        ingress.Spec.Rules.Single().Host.Should().Be("registry.internal.example");
    }

    [Fact]
    public void Render_RunsConfigureDeploymentOnTheBuiltDeployment()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry with
        {
            ConfigureDeployment = deployment => deployment.Spec.Template.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" },
        });

        registry.Deployment.Spec.Template.Spec.NodeSelector.Should().ContainKey("disk");
    }

    [Fact]
    public void Render_NamesEverythingAfterTheSettingsNameAndNamespace()
    {
        var registry = RegistryDeploymentRenderer.Render(HostingSamples.Registry with { Name = DnsLabel.Parse("images"), Namespace = DnsLabel.Parse("platform") });

        registry.ApplyOrder.Where(document => document is not V1Namespace).Should()
            .OnlyContain(document => document.Metadata.NamespaceProperty == "platform" && document.Metadata.Name.StartsWith("images", StringComparison.Ordinal));
    }
}
