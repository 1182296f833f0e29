using Pipeline.Registry;

namespace Pipeline.Manifests.Tests;

public class DeploymentSettingsTests
{
    [Fact]
    public void Constructor_HasSensibleDefaults()
    {
        var settings = new DeploymentSettings(Samples.Artifact, Samples.Image, Samples.Release);

        settings.Namespace.Value.Should().Be("default");
        settings.Replicas.Should().Be(1);
        settings.ContainerPort.Should().Be(8080);
        settings.ServicePort.Should().Be(80);
        settings.ReadinessProbePath.Should().Be("/healthz");
        settings.PullSecretName.Value.Should().Be("regcred");
        settings.Resources.Should().Be(ContainerResources.Default);
        settings.Environment.Should().BeEmpty();
        settings.PinByDigest.Should().BeFalse();
        settings.DeployedImage.Should().Be(Samples.Image);
    }

    [Fact]
    public void DeployedImage_PinsToThePushedDigestWithoutTheTag()
    {
        var settings = Samples.Settings with { PinByDigest = true };

        settings.DeployedImage.ToString().Should().Be($"127.0.0.1:5000/orders-api@{Samples.DigestText}");
    }

    [Fact]
    public void DeployedImage_PinningWithoutADigestNamesTheFix()
    {
        var settings = new DeploymentSettings(Samples.Artifact, Samples.Image, Samples.Release) { PinByDigest = true };

        var deployedImage = () => settings.DeployedImage;

        deployedImage.Should().Throw<ManifestException>()
            .Where(e => e.Kind == ManifestFailureKind.DigestRequired)
            .WithMessage("cannot pin 'orders-api' to a digest*127.0.0.1:5000/orders-api:v3.2.1*PushedDigest*");
    }

    [Fact]
    public void DeployedImage_UsesADigestAlreadyInTheImage()
    {
        var image = Samples.Image.WithDigest(Digest.Parse(Samples.DigestText));
        var settings = new DeploymentSettings(Samples.Artifact, image, Samples.Release) { PinByDigest = true };

        settings.DeployedImage.Digest.Should().Be(Digest.Parse(Samples.DigestText));
        settings.DeployedImage.Tag.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void ContainerPort_OutOfRangeIsRejected(int port)
    {
        var create = () => Samples.Settings with { ContainerPort = port };

        create.Should().Throw<ManifestException>().WithMessage($"container port {port} is out of range*");
    }

    [Fact]
    public void Namespace_DefaultValueIsRejected()
    {
        var create = () => Samples.Settings with { Namespace = default };

        create.Should().Throw<ManifestException>().WithMessage("the namespace is empty*");
    }

    [Fact]
    public void Replicas_NegativeIsRejected()
    {
        var create = () => Samples.Settings with { Replicas = -1 };

        create.Should().Throw<ManifestException>().Where(e => e.Kind == ManifestFailureKind.InvalidSetting);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("/health z")]
    public void ReadinessProbePath_MustBeAnAbsolutePath(string path)
    {
        var create = () => Samples.Settings with { ReadinessProbePath = path };

        create.Should().Throw<ManifestException>().WithMessage($"readiness probe path '{path}' must start with '/'*");
    }

    [Fact]
    public void ContainerResources_RejectsAnInvalidQuantity()
    {
        var create = () => new ContainerResources("100m", "128 megs", null, null);

        create.Should().Throw<ManifestException>().WithMessage("resource quantity '128 megs' (memoryRequest)*'128Mi'*");
    }

    [Fact]
    public void EnvironmentVariable_RejectsNamesWithEquals()
    {
        var create = () => new EnvironmentVariable("A=B", "x");

        create.Should().Throw<ManifestException>().WithMessage("environment variable name 'A=B' is invalid*");
    }
}
