using k8s;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Manifests.Tests;

public class ManifestSetTests
{
    private static PullSecret PullSecret(string user) => new(
        DnsLabel.Parse("regcred"), DnsLabel.Parse("shop"), Samples.Registry, new RegistryCredentials(user, "pw", CredentialSource.Explicit()));

    private static DeploymentSettings Shop => Samples.Settings with { Namespace = DnsLabel.Parse("shop") };

    [Fact]
    public void Constructor_SortsIntoApplyOrderKeepingTheFileOrderOtherwise()
    {
        IKubernetesObject<V1ObjectMeta>[] documents =
        [
            new V1Deployment { Kind = "Deployment", Metadata = new() { Name = "d" } },
            new V1ConfigMap { Kind = "ConfigMap", Metadata = new() { Name = "c" } },
            new V1Secret { Kind = "Secret", Metadata = new() { Name = "s" } },
            new V1Service { Kind = "Service", Metadata = new() { Name = "svc" } },
            new V1Namespace { Kind = "Namespace", Metadata = new() { Name = "shop" } },
        ];

        var manifests = new ManifestSet(documents);

        manifests.Documents.Select(d => d.Kind).Should().Equal("Namespace", "Secret", "ConfigMap", "Service", "Deployment");
    }

    [Fact]
    public void WithPullSecret_AppliesTheSecretRightAfterTheNamespaces()
    {
        var manifests = ManifestRenderer.Render(Shop).WithPullSecret(PullSecret("ci"));

        manifests.ApplyOrder.Select(d => d.Kind).Should().Equal("Namespace", "Secret", "Service", "Deployment");
        manifests.Documents.Select(d => d.Kind).Should().Equal("Namespace", "Service", "Deployment");
        manifests.PullSecret!.Metadata.NamespaceProperty.Should().Be("shop");
    }

    [Fact]
    public void WithPullSecret_RejectsASecretInAnotherNamespaceThanThePods()
    {
        var manifests = ManifestRenderer.Render(Samples.Settings);

        var add = () => manifests.WithPullSecret(PullSecret("ci"));

        add.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.InvalidSetting)
            .WithMessage("pull secret shop/regcred * is in namespace 'shop' but Deployment 'orders-api' runs in 'default'*create the pull secret in 'default'");
    }

    [Fact]
    public void WithPullSecret_ReplacesAnEarlierPullSecret()
    {
        var manifests = ManifestRenderer.Render(Shop).WithPullSecret(PullSecret("old")).WithPullSecret(PullSecret("new"));

        manifests.ApplyOrder.OfType<V1Secret>().Should().ContainSingle();
        PullSecretAuths.Read(manifests.PullSecret!).Entries.Single().Credentials.Username.Should().Be("new");
    }
}
