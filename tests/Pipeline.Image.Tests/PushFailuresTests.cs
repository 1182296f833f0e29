using Pipeline.Image;
using Pipeline.Registry;
using Pipeline.Version;

namespace Pipeline.Image.Tests;

public class PushFailuresTests
{
    private static readonly ImageReference Image = ImageReference.Parse("nexus.example.com:8082/team/orders:v1.2.3");

    [Theory]
    [InlineData("Get \"https://nexus.example.com:8082/v2/\": http: server gave HTTP response to HTTPS client", ImagePushFailureKind.HttpResponseToHttpsClient, "insecure-registries")]
    [InlineData("Get \"https://nexus.example.com:8082/v2/\": x509: certificate signed by unknown authority", ImagePushFailureKind.UnknownAuthority, "/etc/docker/certs.d/nexus.example.com:8082/ca.crt")]
    [InlineData("Get \"http://nexus.example.com:8082/v2/\": dial tcp 10.0.0.1:8082: connect: connection refused", ImagePushFailureKind.Unreachable, "start the registry, or correct the registry address")]
    [InlineData("no basic auth credentials", ImagePushFailureKind.NoBasicAuthCredentials, "docker login nexus.example.com:8082")]
    [InlineData("unauthorized: authentication required", ImagePushFailureKind.Unauthorized, "check the user and its password")]
    [InlineData("denied: requested access to the resource is denied", ImagePushFailureKind.Denied, "grant the user the rights it needs on nexus.example.com:8082/team/orders")]
    [InlineData("An image does not exist locally with the tag: nexus.example.com:8082/team/orders", ImagePushFailureKind.LocalImageMissing, "build it first")]
    [InlineData("received unexpected HTTP status: 500 Internal Server Error", ImagePushFailureKind.Unexpected, "logs")]
    public void Describe_NamesCauseAndFix(string engineError, ImagePushFailureKind kind, string fix)
    {
        var credentials = new RegistryCredentials("ci", "s3cr3t-pw", CredentialSource.Explicit("test"));

        var exception = PushFailures.Describe(Image, credentials, StageInputNames.Neutral, engineError);

        exception.Kind.Should().Be(kind);
        exception.Message.Should().Contain("nexus.example.com:8082").And.Contain(fix);
        exception.Message.Should().NotContain("s3cr3t-pw");
    }

    [Fact]
    public void Describe_NamesTheInputsAsTheCallerCallsThem()
    {
        var inputs = new StageInputNames { RegistryUsername = "the 'registry-username' argument", RegistryPassword = "REGISTRY_PASSWORD" };

        var exception = PushFailures.Describe(Image, RegistryCredentials.Anonymous, inputs, "no basic auth credentials");

        exception.Message.Should().Be(
            "no basic auth credentials: nexus.example.com:8082 requires a login to push nexus.example.com:8082/team/orders:v1.2.3: "
            + "pass the 'registry-username' argument and REGISTRY_PASSWORD, or docker login nexus.example.com:8082");
    }

    [Fact]
    public void Describe_RedactsSecretsEchoedByTheEngine()
    {
        var credentials = new RegistryCredentials("ci", "s3cr3t-pw", CredentialSource.Explicit("test"));

        var exception = PushFailures.Describe(Image, credentials, StageInputNames.Neutral, "weird proxy said: password s3cr3t-pw rejected");

        exception.Message.Should().NotContain("s3cr3t-pw").And.Contain("***");
    }
}
