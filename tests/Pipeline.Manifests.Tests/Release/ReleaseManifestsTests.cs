using k8s;
using k8s.Models;
using Pipeline.Registry;

namespace Pipeline.Manifests.Tests.Release;

public class ReleaseManifestsTests
{
    private static readonly PullSecret ReleasePullSecret = PullSecret("ci");

    [Fact]
    public void Combine_ServicesInOneNamespace_AppliesTheNamespaceAndThePullSecretOnceThenEachService()
    {
        var release = ReleaseManifests.Combine([Service("catalog-api"), Service("basket-api"), Service("payments-api")], ReleasePullSecret);

        release.Shared.Select(Reference).Should().Equal("Namespace/shop", "Secret/shop/regcred");
        release.Services.Select(service => service.Service.Value).Should().Equal("catalog-api", "basket-api", "payments-api");
        release.Services.Should().OnlyContain(service => service.Manifests.Documents.Select(d => d.Kind).SequenceEqual(new[] { "Service", "Deployment" }));
        release.ApplyOrder.Select(Reference).Should().Equal(
            "Namespace/shop", "Secret/shop/regcred",
            "Service/shop/catalog-api", "Deployment/shop/catalog-api",
            "Service/shop/basket-api", "Deployment/shop/basket-api",
            "Service/shop/payments-api", "Deployment/shop/payments-api");
    }

    [Fact]
    public void Combine_ServicesInSeveralNamespaces_PutsThePullSecretInEachNamespaceAPodRunsIn()
    {
        var release = ReleaseManifests.Combine([Service("catalog-api"), Service("payments-api", "payments"), Service("basket-api")], ReleasePullSecret);

        release.Shared.Select(Reference).Should().Equal("Namespace/shop", "Namespace/payments", "Secret/shop/regcred", "Secret/payments/regcred");
        PullSecretAuths.Read((V1Secret)release.Shared[3]).Entries.Single().Credentials.Username.Should().Be("ci");
        release.SharedUsedBy(DnsLabel.Parse("payments-api")).Select(Reference).Should().Equal("Namespace/payments", "Secret/payments/regcred");
        release.SharedUsedBy(DnsLabel.Parse("basket-api")).Select(Reference).Should().Equal("Namespace/shop", "Secret/shop/regcred");
    }

    [Fact]
    public void Combine_ServicesWithTheirOwnEqualPullSecrets_ShareOneAndKeepItOutOfTheirObjects()
    {
        var services = new[] { "catalog-api", "basket-api" }
            .Select(name => Service(name) with { Manifests = Service(name).Manifests.WithPullSecret(PullSecret("ci")) })
            .ToList();

        var release = ReleaseManifests.Combine(services, pullSecret: null);

        release.Shared.Select(Reference).Should().Equal("Namespace/shop", "Secret/shop/regcred");
        release.Services.Should().OnlyContain(service => service.Manifests.PullSecret == null && !service.Manifests.ApplyOrder.OfType<V1Secret>().Any());
    }

    [Fact]
    public void Combine_ServicesWithDifferentPullSecretsOfOneName_IsRefused()
    {
        var catalog = Service("catalog-api");
        var basket = Service("basket-api");
        ServiceManifestSet[] services =
        [
            catalog with { Manifests = catalog.Manifests.WithPullSecret(PullSecret("ci")) },
            basket with { Manifests = basket.Manifests.WithPullSecret(PullSecret("someone-else")) },
        ];

        var combine = () => ReleaseManifests.Combine(services, pullSecret: null);

        combine.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.ReleaseConflict)
            .WithMessage("service 'basket-api' and service 'catalog-api' bring different pull secrets secret/regcred (shop)*pass one pull secret for the release*");
    }

    [Fact]
    public void Combine_ServiceNamedTwice_IsRefusedNamingIt()
    {
        var combine = () => ReleaseManifests.Combine([Service("catalog-api"), Service("basket-api"), Service("catalog-api")], ReleasePullSecret);

        combine.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.ReleaseConflict)
            .WithMessage("the release names service 'catalog-api' more than once: *");
    }

    [Fact]
    public void Combine_TwoServicesHoldTheSameObject_IsRefusedNamingTheObjectAndBothServices()
    {
        var settings = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = "shop" } };
        var catalog = Service("catalog-api");
        var basket = Service("basket-api");
        ServiceManifestSet[] services =
        [
            catalog with { Manifests = new ManifestSet([.. catalog.Manifests.Documents, settings]) },
            basket with { Manifests = new ManifestSet([.. basket.Manifests.Documents, settings]) },
        ];

        var combine = () => ReleaseManifests.Combine(services, ReleasePullSecret);

        combine.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.ReleaseConflict)
            .WithMessage("configmap/settings (shop) is in service 'basket-api' and in service 'catalog-api': one apply would overwrite the other*");
    }

    [Fact]
    public void Combine_AServiceObjectNamedLikeTheSharedPullSecret_IsRefused()
    {
        var catalog = Service("catalog-api");
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "regcred", NamespaceProperty = "shop" } };
        var services = new[] { catalog with { Manifests = new ManifestSet([.. catalog.Manifests.Documents, secret]) } };

        var combine = () => ReleaseManifests.Combine(services, ReleasePullSecret);

        combine.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.ReleaseConflict)
            .WithMessage("secret/regcred (shop) is in service 'catalog-api' and in the shared objects*");
    }

    private static ServiceManifestSet Service(string name, string ns = "shop")
    {
        var artifact = DnsLabel.Parse(name);
        var settings = new DeploymentSettings(artifact, ImageReference.Parse($"127.0.0.1:5000/{name}:v1.0.0"), Samples.Release) { Namespace = DnsLabel.Parse(ns) };
        return new ServiceManifestSet(artifact, ManifestRenderer.Render(settings));
    }

    private static PullSecret PullSecret(string user) => new(
        DnsLabel.Parse("regcred"), DnsLabel.Parse("shop"), Samples.Registry, new RegistryCredentials(user, "pw", CredentialSource.Explicit()));

    private static string Reference(IKubernetesObject<V1ObjectMeta> item) =>
        item.Metadata.NamespaceProperty is { } ns && item is not V1Namespace ? $"{item.Kind}/{ns}/{item.Metadata.Name}" : $"{item.Kind}/{item.Metadata.Name}";
}
