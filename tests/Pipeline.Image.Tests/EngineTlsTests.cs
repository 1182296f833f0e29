using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Registry;
using Pipeline.Testing.Docker;
using Pipeline.Testing.Registries;

namespace Pipeline.Image.Tests;

/// <summary>A remote engine (DOCKER_HOST=tcp://…) only over TLS with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, as the docker CLI.</summary>
public sealed class EngineTlsTests : IDisposable
{
    private readonly TestCertificateAuthority _authority = TestCertificateAuthority.Create("engine-ca");
    private readonly TemporaryFolder _certificates = new();

    [Fact]
    public async Task ConnectAsync_TlsEngineIsPingedWithTheClientCertificateAndVerifiedAgainstCaPem()
    {
        await using var engine = await TlsEngineDouble.StartAsync(_authority);
        WriteCertificates(_authority);

        using var connected = await Connector(engine.Endpoint).ConnectAsync(CancellationToken.None);

        engine.Pings.Should().BeGreaterThan(0, "the engine answered a ping the client certificate opened");
    }

    [Fact]
    public async Task ConnectAsync_EngineWhoseCertificateAnotherAuthorityIssuedIsRefused()
    {
        await using var engine = await TlsEngineDouble.StartAsync(_authority);
        using var other = TestCertificateAuthority.Create("someone-else");
        WriteCertificates(other, clientAuthority: _authority);

        var act = () => Connector(engine.Endpoint).ConnectAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<ContainerEngineUnavailableException>()).Which.Message
            .Should().Contain("did not agree on TLS").And.Contain(_certificates.Path).And.Contain("ca.pem");
        engine.Pings.Should().Be(0);
    }

    [Fact]
    public async Task ConnectAsync_ClientWithoutAnEngineAcceptedCertificateIsRefusedByTheEngine()
    {
        await using var engine = await TlsEngineDouble.StartAsync(_authority);
        using var other = TestCertificateAuthority.Create("someone-else");
        WriteCertificates(_authority, clientAuthority: other);

        var act = () => Connector(engine.Endpoint).ConnectAsync(CancellationToken.None);

        await act.Should().ThrowAsync<ContainerEngineUnavailableException>();
        engine.Pings.Should().Be(0);
    }

    [Fact]
    public async Task ConnectAsync_TlsAskedWithMissingFilesNamesThem()
    {
        _certificates.Write("ca.pem", TestCertificateAuthority.CertificatePem(_authority.Certificate));

        var act = () => Connector(new Uri("tcp://127.0.0.1:2376")).ConnectAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<ContainerEngineUnavailableException>()).Which.Message
            .Should().Contain("cert.pem, key.pem are missing from " + _certificates.Path).And.Contain("DOCKER_CERT_PATH");
    }

    [Theory]
    [InlineData("tcp://192.0.2.10:2375")]
    [InlineData("http://engine.example.com:2375")]
    public async Task ConnectAsync_PlainTcpOffLoopbackIsRefusedBeforeConnecting(string dockerHost)
    {
        // Documentation-only addresses (RFC 5737) and names: refused by construction before any socket opens.
        var connector = new DockerEngineConnector(ProcessEnvironment.From(new Dictionary<string, string> { ["DOCKER_HOST"] = dockerHost }), provisioner: null, NullLogger.Instance);
        var clock = Stopwatch.StartNew();

        var act = () => connector.ConnectAsync(CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<ContainerEngineUnavailableException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "nothing is dialled");
        exception.Kind.Should().Be(ContainerEngineFailureKind.InsecureEndpoint);
        exception.InnerException.Should().BeNull();
        exception.Message.Should().Contain("plain TCP").And.Contain("DOCKER_TLS_VERIFY=1").And.Contain("ca.pem, cert.pem and key.pem");
    }

    [Fact]
    public void RequireTlsOffLoopback_AllowsLoopbackAndSockets()
    {
        DockerEndpoint.RequireTlsOffLoopback(new Uri("tcp://127.0.0.1:2375"), tls: null);
        DockerEndpoint.RequireTlsOffLoopback(new Uri("tcp://localhost:2375"), tls: null);
        DockerEndpoint.RequireTlsOffLoopback(DockerEndpoint.DefaultSocket, tls: null);
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _authority.Dispose();
    }

    private DockerEngineConnector Connector(Uri endpoint)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = endpoint.ToString(),
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = _certificates.Path,
        };
        return new DockerEngineConnector(ProcessEnvironment.From(environment), provisioner: null, NullLogger.Instance);
    }

    /// <summary>ca.pem from <paramref name="trusted"/>; cert.pem and key.pem issued by <paramref name="clientAuthority"/> (default the same).</summary>
    private void WriteCertificates(TestCertificateAuthority trusted, TestCertificateAuthority? clientAuthority = null)
    {
        using var client = (clientAuthority ?? trusted).IssueClientCertificate();
        _certificates.Write("ca.pem", TestCertificateAuthority.CertificatePem(trusted.Certificate));
        _certificates.Write("cert.pem", TestCertificateAuthority.CertificatePem(client));
        _certificates.Write("key.pem", TestCertificateAuthority.PrivateKeyPem(client));
    }
}
