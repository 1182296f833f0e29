using System.Text;
using k8s;
using k8s.Models;
using Pipeline.RegistryHosting;

namespace Pipeline.RegistryHosting.Tests;

public sealed class RegistryMirrorRendererTests
{
    [Fact]
    public void ToYaml_MatchesTheGoldenFileByteForByte()
    {
        var yaml = RegistryMirrorRenderer.Render(HostingSamples.Mirror).ToYaml();

        Encoding.UTF8.GetBytes(yaml).Should().Equal(File.ReadAllBytes(HostingSamples.Fixture("registry-mirror.yaml")));
    }

    [Fact]
    public void ToYaml_IsTheSameForTwoRenders() =>
        RegistryMirrorRenderer.Render(HostingSamples.Mirror).ToYaml().Should().Be(RegistryMirrorRenderer.Render(HostingSamples.Mirror).ToYaml());

    [Fact]
    public void ConfigMap_RunsTheRegistryAsAProxyOfTheUpstreamWithoutCredentialsOrAuth()
    {
        var mirror = RegistryMirrorRenderer.Render(HostingSamples.Mirror);
        var config = mirror.RegistryConfigYaml;

        RegistryConfigRewrite.Read(config, "proxy", "remoteurl").Should().StartWith("https://registry-1.docker.io");
        RegistryConfigRewrite.Read(config, "proxy", "username").Should().BeNull();
        RegistryConfigRewrite.Read(config, "proxy", "password").Should().BeNull();
        RegistryConfigRewrite.Read(config, "auth", "htpasswd", "path").Should().BeNull();
        RegistryConfigRewrite.Read(config, "http", "addr").Should().Be(":5000");
    }

    [Fact]
    public void UpstreamCredentials_LiveInAKeptApartSecretThatTheDeploymentReadsThroughEnvironmentVariables()
    {
        var mirror = RegistryMirrorRenderer.Render(HostingSamples.Mirror);
        var secret = mirror.Secrets.Single();
        var environment = mirror.Deployment.Spec.Template.Spec.Containers.Single().Env;

        secret.Metadata.Name.Should().Be("registry-mirror-upstream");
        Encoding.UTF8.GetString(secret.Data["username"]).Should().Be("hub-reader");
        Encoding.UTF8.GetString(secret.Data["password"]).Should().Be(HostingSamples.UpstreamPassword);
        environment.Select(variable => (variable.Name, variable.ValueFrom.SecretKeyRef.Name, variable.ValueFrom.SecretKeyRef.Key)).Should().Equal(
            ("REGISTRY_PROXY_USERNAME", "registry-mirror-upstream", "username"),
            ("REGISTRY_PROXY_PASSWORD", "registry-mirror-upstream", "password"));
        var yaml = mirror.ToYaml();
        KubernetesYaml.LoadAllFromString(yaml).Should().NotContain(document => document is V1Secret);
        mirror.SecretsToMask.Should().Contain(HostingSamples.UpstreamPassword).And.OnlyContain(value => !yaml.Contains(value, StringComparison.Ordinal));
        mirror.ApplyOrder.Select(document => document.Kind).Should().Equal("Namespace", "Secret", "PersistentVolumeClaim", "ConfigMap", "Service", "Deployment");
    }

    [Fact]
    public void Render_WithoutUpstreamCredentials_HasNoSecretAndNoEnvironment()
    {
        var mirror = RegistryMirrorRenderer.Render(HostingSamples.Mirror with { UpstreamCredentials = null });

        mirror.Secrets.Should().BeEmpty();
        mirror.SecretsToMask.Should().BeEmpty();
        mirror.Deployment.Spec.Template.Spec.Containers.Single().Env.Should().BeNull();
    }

    [Fact]
    public void Service_IsANodePortOnTheChosenPortOrClusterIpWithoutOne()
    {
        var nodePort = RegistryMirrorRenderer.Render(HostingSamples.Mirror).Manifests.Documents.OfType<V1Service>().Single();
        var clusterIp = RegistryMirrorRenderer.Render(HostingSamples.Mirror with { NodePort = null }).Manifests.Documents.OfType<V1Service>().Single();

        nodePort.Spec.Type.Should().Be("NodePort");
        nodePort.Spec.Ports.Single().NodePort.Should().Be(30500);
        clusterIp.Spec.Type.Should().Be("ClusterIP");
        clusterIp.Spec.Ports.Single().NodePort.Should().BeNull();
    }

    [Theory]
    [InlineData("https://docker.io")]
    [InlineData("https://index.docker.io")]
    [InlineData("https://registry-1.docker.io")]
    public void Settings_ForDockerHub_FetchFromItsApiHostAndNameItDockerIo(string upstream)
    {
        var settings = new RegistryMirrorSettings(new Uri(upstream), new Uri("http://10.0.0.5:30500"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        settings.Upstream.Should().Be(new Uri("https://registry-1.docker.io"));
        settings.UpstreamRegistry.IsDockerHub.Should().BeTrue();
    }

    [Fact]
    public void Settings_ForAnotherRegistry_KeepItsHostAndPort()
    {
        var settings = new RegistryMirrorSettings(new Uri("https://nexus.example.com:8443/"), new Uri("http://10.0.0.5:30500"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        settings.Upstream.Should().Be(new Uri("https://nexus.example.com:8443"));
        settings.UpstreamRegistry.Value.Should().Be("nexus.example.com:8443");
    }
}
