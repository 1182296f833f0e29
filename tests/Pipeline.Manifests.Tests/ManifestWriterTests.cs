using System.Text;
using k8s;
using k8s.Models;

namespace Pipeline.Manifests.Tests;

public sealed class ManifestWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("manifests-writer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ToYaml_MatchesTheGoldenFileByteForByte()
    {
        var yaml = ManifestWriter.ToYaml(ManifestRenderer.Render(Samples.Settings));

        Encoding.UTF8.GetBytes(yaml).Should().Equal(File.ReadAllBytes(Samples.Fixture("orders-api.yaml")));
    }

    [Fact]
    public async Task WriteAsync_TwoRunsWriteIdenticalBytes()
    {
        var first = await ManifestWriter.WriteAsync(ManifestRenderer.Render(Samples.Settings), Path.Combine(_directory, "a", "orders-api.yaml"), CancellationToken.None);
        var second = await ManifestWriter.WriteAsync(ManifestRenderer.Render(Samples.Settings), Path.Combine(_directory, "b", "orders-api.yaml"), CancellationToken.None);

        File.ReadAllBytes(first).Should().Equal(File.ReadAllBytes(second));
    }

    [Fact]
    public async Task WriteAsync_CreatesTheDirectoryAndWritesLfUtf8WithoutBomAndATrailingNewline()
    {
        var path = await ManifestWriter.WriteAsync(
            ManifestRenderer.Render(Samples.Settings), Path.Combine(_directory, "artifacts", "k8s", "orders-api.yaml"), CancellationToken.None);

        var bytes = File.ReadAllBytes(path);
        bytes.Should().NotContain((byte)'\r');
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        bytes[^1].Should().Be((byte)'\n');
        bytes[^2].Should().NotBe((byte)'\n');
    }

    [Fact]
    public void DefaultPath_IsK8sFolderUnderArtifacts() =>
        ManifestWriter.DefaultPath("/repo/artifacts", Samples.Artifact).Should().Be("/repo/artifacts/k8s/orders-api.yaml");

    [Fact]
    public void ToYaml_SeparatesDocumentsWithDashes()
    {
        var yaml = ManifestWriter.ToYaml(ManifestRenderer.Render(Samples.Settings));

        yaml.Split('\n').Count(line => line == "---").Should().Be(2);
        yaml.Should().StartWith("apiVersion: v1\nkind: Namespace\n");
    }

    [Fact]
    public void ToYaml_RoundTripsThroughKubernetesYaml()
    {
        var manifests = ManifestRenderer.Render(Samples.Settings with { PinByDigest = true });

        var loaded = KubernetesYaml.LoadAllFromString(ManifestWriter.ToYaml(manifests), strict: true);

        loaded.Select(o => o.GetType()).Should().Equal(typeof(V1Namespace), typeof(V1Service), typeof(V1Deployment));
        var deployment = (V1Deployment)loaded[2];
        deployment.Spec.Template.Spec.Containers[0].Image.Should().Be($"127.0.0.1:5000/orders-api@{Samples.DigestText}");
        deployment.Spec.Template.Spec.Containers[0].Env.Select(e => e.Name).Should().Equal("ASPNETCORE_URLS", "DOTNET_gcServer");
        deployment.Metadata.Annotations["pipeline.io/revision"].Should().Be(Samples.Revision);
        KubernetesYaml.Serialize(deployment).Should().Be(KubernetesYaml.Serialize(manifests.Deployments[0]));
    }

    [Fact]
    public void ToYaml_LeavesThePullSecretOut()
    {
        var pullSecret = new PullSecret(
            DnsLabel.Parse("regcred"), DnsLabel.DefaultNamespace, Samples.Registry,
            new Registry.RegistryCredentials("ci", "s3cr3t-Passw0rd", Registry.CredentialSource.Explicit()));
        var manifests = ManifestRenderer.Render(Samples.Settings).WithPullSecret(pullSecret);

        var yaml = ManifestWriter.ToYaml(manifests);

        yaml.Should().NotContain("kind: Secret").And.NotContain(".dockerconfigjson");
        foreach (var secret in pullSecret.SecretsToMask)
        {
            yaml.Should().NotContain(secret);
        }

        manifests.ApplyOrder.Select(d => d.Kind).Should().Equal("Namespace", "Secret", "Service", "Deployment");
    }
}
