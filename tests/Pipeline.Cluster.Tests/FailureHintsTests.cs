namespace Pipeline.Cluster.Tests;

public sealed class FailureHintsTests
{
    private const string Image = "registry.example.com:5000/team/orders:v1.2.3";

    [Theory]
    [InlineData("Get \"https://registry.example.com:5000/v2/\": http: server gave HTTP response to HTTPS client",
        "the registry registry.example.com:5000 speaks HTTP: add it to the nodes' insecure registries (daemon.json insecure-registries / containerd hosts.toml)")]
    [InlineData("tls: failed to verify certificate: x509: certificate signed by unknown authority",
        "the nodes do not trust registry.example.com:5000's TLS certificate: put its CA at /etc/docker/certs.d/registry.example.com:5000/ca.crt")]
    [InlineData("failed to resolve reference: no basic auth credentials",
        "the pull Secret's credentials were refused by registry.example.com:5000")]
    [InlineData("unexpected status from HEAD request to http://registry.example.com:5000/v2/team/orders/manifests/v1.2.3: 401 Unauthorized",
        "the pull Secret's credentials were refused by registry.example.com:5000")]
    [InlineData("manifest for registry.example.com:5000/team/orders:v1.2.3 not found: manifest unknown: manifest unknown",
        "the tag v1.2.3 is not in registry.example.com:5000/team/orders: was Push skipped?")]
    [InlineData("dial tcp registry.example.com:5000: connect: connection refused",
        "the nodes cannot reach registry.example.com:5000")]
    public void For_TurnsRegistryWordsIntoHint(string message, string expectedStart)
    {
        var hint = FailureHints.For("ErrImagePull", message, Image, "team");

        hint.Should().StartWith(expectedStart);
    }

    [Fact]
    public void For_DoesNotReadAPortStartingWith401AsUnauthorized()
    {
        // Regression: a registry on 127.0.0.1:40113 made every message look like an HTTP 401.
        var hint = FailureHints.For(
            "ErrImagePull",
            "failed to resolve reference \"127.0.0.1:40113/orders:v9.9.9\": manifest for 127.0.0.1:40113/orders:v9.9.9 not found: manifest unknown: manifest unknown",
            "127.0.0.1:40113/orders:v9.9.9",
            "team");

        hint.Should().Be("the tag v9.9.9 is not in 127.0.0.1:40113/orders: was Push skipped?");
    }

    [Fact]
    public void For_NamesMissingSecretsAndNamespace()
    {
        var hint = FailureHints.For(
            "FailedToRetrieveImagePullSecret",
            "Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.",
            Image,
            "team");

        hint.Should().StartWith("the Secret regcred is not in namespace team: ");
    }

    [Theory]
    [InlineData("CrashLoopBackOff", "the container keeps exiting")]
    [InlineData("NotReady", "the container runs but never becomes ready")]
    [InlineData("CreateContainerConfigError", "a Secret or ConfigMap the container refers to is missing")]
    public void For_ExplainsContainerStates(string reason, string expectedStart)
    {
        FailureHints.For(reason, message: null, Image, "team").Should().StartWith(expectedStart);
    }

    [Fact]
    public void For_ReturnsNullForUnknownMessages()
    {
        FailureHints.For("Scheduled", "Successfully assigned team/orders-1 to node", Image, "team").Should().BeNull();
    }
}
