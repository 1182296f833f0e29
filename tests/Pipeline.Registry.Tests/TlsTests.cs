using Pipeline.Registry.Http;
using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class TlsTests(TlsRegistryFixture fixture) : IClassFixture<TlsRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task PingAsync_TrustedViaCaFile_UsesHttps()
    {
        using var client = Server.CreateClient();

        var endpoint = await client.PingAsync();
        var digest = await Server.SeedImageAsync("tls/app", "v1");

        endpoint.BaseUri.Scheme.Should().Be("https");
        (await client.FindAsync(ImageReference.Create(Server.Host, "tls/app", "v1")))!.Digest.Should().Be(digest);
    }

    [Fact]
    public async Task PingAsync_WithoutTheCa_FailsWithUnknownAuthority()
    {
        using var client = new RegistryClient(Server.Host, RegistryCredentials.Anonymous);

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.UnknownAuthority);
        failure.Which.Message.Should().Contain("x509: certificate signed by unknown authority")
            .And.Contain($"/etc/docker/certs.d/{Server.Host}/ca.crt").And.Contain("give it as the registry CA certificate (Pipeline)");
    }

    [Fact]
    public async Task PingAsync_CaFileMissing_FailsNamingThePath()
    {
        var create = () => new RegistryClient(Server.Host, RegistryCredentials.Anonymous, new RegistryClientOptions { CaCertificatePath = "/nonexistent/ca.crt" });

        create.Should().Throw<RegistryException>().WithMessage("*'/nonexistent/ca.crt'*does not exist*");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task PingAsync_HttpsToPlainHttpRegistry_FailsWithHttpResponseToHttpsClient()
    {
        await using var plain = await RegistryServer.StartAsync(new RegistryServerOptions());
        using var client = plain.CreateClient(scheme: RegistryScheme.Https);

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.HttpResponseToHttpsClient);
        failure.Which.Message.Should().StartWith("http: server gave HTTP response to HTTPS client").And.Contain("insecure-registries");
    }
}
