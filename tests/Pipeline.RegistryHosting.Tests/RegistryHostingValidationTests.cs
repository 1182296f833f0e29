using Pipeline.Manifests;
using Pipeline.Registry;
using Pipeline.RegistryHosting;

namespace Pipeline.RegistryHosting.Tests;

public sealed class RegistryHostingValidationTests
{
    [Theory]
    [InlineData("https://Registry.Example.com/v2", "registry.example.com")]
    [InlineData("registry.example.com:443", "registry.example.com")]
    [InlineData("*.example.com", "example.com")]
    [InlineData("registry", "registry.example.com")]
    [InlineData("reg_istry.example.com", "registry.example.com")]
    public void IngressSettings_WithABadHost_NamesTheInputAndTheHostItShouldBe(string host, string suggestion)
    {
        var create = () => new RegistryIngressSettings(host);

        var failure = create.Should().Throw<ManifestException>().Which;
        failure.Kind.Should().Be(ManifestFailureKind.InvalidSetting);
        failure.Message.Should().Contain($"'{host}'").And.Contain($"'{suggestion}'");
    }

    [Theory]
    [InlineData("20GB")]
    [InlineData("twenty")]
    [InlineData("")]
    public void PersistentVolumeClaim_WithANonQuantitySize_NamesTheInputAndTheBinarySuffixFix(string size)
    {
        var create = () => RegistryStorage.PersistentVolumeClaim(size);

        var failure = create.Should().Throw<ManifestException>().Which;
        failure.Kind.Should().Be(ManifestFailureKind.InvalidSetting);
        failure.Message.Should().Contain($"'{size}'").And.Contain("'20Gi'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5Gi")]
    public void PersistentVolumeClaim_WithANonPositiveSize_SaysItMustBePositive(string size)
    {
        var create = () => RegistryStorage.PersistentVolumeClaim(size);

        create.Should().Throw<ManifestException>().WithMessage($"*'{size}' is not positive*'20Gi'*");
    }

    [Fact]
    public void PersistentVolumeClaim_WithAnInvalidStorageClass_NamesIt()
    {
        var create = () => RegistryStorage.PersistentVolumeClaim("20Gi", "Fast SSD");

        create.Should().Throw<ManifestException>().WithMessage("*'Fast SSD'*'fast-ssd'*");
    }

    [Theory]
    [InlineData("srv/registry")]
    [InlineData("/srv/../etc")]
    public void HostPath_ThatIsNotAbsoluteOrClimbsOut_IsRefused(string path)
    {
        var create = () => RegistryStorage.HostPath(path);

        create.Should().Throw<ManifestException>().WithMessage($"*'{path}'*absolute*");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/etc")]
    [InlineData("/var/")]
    public void HostPath_TheRootOrASystemFolder_IsRefused(string path)
    {
        var create = () => RegistryStorage.HostPath(path);

        create.Should().Throw<ManifestException>().WithMessage($"*'{path}' is the node's root or a system folder*'/srv/registry'*");
    }

    [Fact]
    public void DeploymentSettings_WithAnonymousUser_AsksForAUserAndPassword()
    {
        var create = () => new RegistryDeploymentSettings(RegistryCredentials.Anonymous, RegistryStorage.PersistentVolumeClaim("1Gi"));

        create.Should().Throw<ManifestException>().Which.Kind.Should().Be(ManifestFailureKind.UnusableCredentials);
    }

    [Fact]
    public void DeploymentSettings_WithAColonInTheUserName_IsRefusedWithoutShowingThePassword()
    {
        var create = () => new RegistryDeploymentSettings(
            new RegistryCredentials("ci:pusher", HostingSamples.Password, CredentialSource.Explicit("test")), RegistryStorage.PersistentVolumeClaim("1Gi"));

        create.Should().Throw<ManifestException>().Which.Message.Should().Contain("'ci:pusher'").And.NotContain(HostingSamples.Password);
    }

    [Theory]
    [InlineData("ftp://mirror.example.com")]
    [InlineData("https://registry-1.docker.io/v2/")]
    public void MirrorSettings_WithAnUpstreamThatIsNotARegistryRoot_NamesItAndTheShapeItNeeds(string upstream)
    {
        var create = () => new RegistryMirrorSettings(new Uri(upstream), new Uri("http://10.0.0.5:30500"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        create.Should().Throw<ManifestException>().Which.Message.Should().Contain($"upstream '{upstream}'").And.Contain("e.g.");
    }

    [Fact]
    public void MirrorSettings_WithAPasswordInTheUpstreamUrl_PointsToUpstreamCredentialsWithoutShowingIt()
    {
        var create = () => new RegistryMirrorSettings(new Uri("https://reader:hunter2@ghcr.io"), new Uri("http://10.0.0.5:30500"), RegistryStorage.PersistentVolumeClaim("1Gi"));

        create.Should().Throw<ManifestException>().Which.Message.Should()
            .Contain("'https://***@ghcr.io/'").And.Contain("UpstreamCredentials").And.NotContain("hunter2").And.NotContain("reader");
    }

    [Fact]
    public void MirrorSettings_WithANodePortOutsideTheRange_GivesTheRange()
    {
        var create = () => HostingSamples.Mirror with { NodePort = 5000 };

        create.Should().Throw<ManifestException>().WithMessage("*5000*30000 to 32767*");
    }

    [Fact]
    public void MirrorSettings_WithAnonymousUpstreamCredentials_SuggestsLeavingThemNull()
    {
        var create = () => HostingSamples.Mirror with { UpstreamCredentials = RegistryCredentials.Anonymous };

        create.Should().Throw<ManifestException>().WithMessage("*leave UpstreamCredentials null*");
    }

    [Fact]
    public void RenderNodeConfiguration_WithTlsOptionsOnAPlainHttpMirror_SaysTheyDoNotApply()
    {
        var render = () => RegistryMirrorRenderer.RenderNodeConfiguration(HostingSamples.Mirror with { SkipTlsVerify = true });

        render.Should().Throw<ManifestException>().WithMessage("*'http://10.0.0.5:30500' is plain HTTP*https://*");
    }

    [Fact]
    public void RenderNodeConfiguration_WithACaThatIsNotPem_AsksForThePemText()
    {
        var settings = new RegistryMirrorSettings(new Uri("https://docker.io"), new Uri("https://mirror.example.com"), RegistryStorage.PersistentVolumeClaim("1Gi"))
        {
            MirrorCaCertificatePem = "/etc/ssl/mirror-ca.crt",
        };

        var render = () => RegistryMirrorRenderer.RenderNodeConfiguration(settings);

        render.Should().Throw<ManifestException>().WithMessage("*-----BEGIN CERTIFICATE-----*PEM text, not a path*");
    }
}
