using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class TokenAuthTests(TokenRegistryFixture fixture) : IClassFixture<TokenRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task SeedAndRead_RightCredentials_SucceedWithCachedTokens()
    {
        var digest = await Server.SeedImageAsync("token/app", "v1", new Dictionary<string, string> { ["k"] = "v" });
        using var client = Server.CreateClient();

        var endpoint = await client.PingAsync();
        var image = ImageReference.Create(Server.Host, "token/app", "v1");
        (await client.FindAsync(image))!.Digest.Should().Be(digest);
        var issuedAfterFirstPull = Server.TokenIssuer!.IssuedTokens;
        (await client.GetImageConfigurationAsync(image)).Labels.Should().ContainKey("k");
        (await client.FindAsync(image))!.Digest.Should().Be(digest);

        endpoint.AuthenticationScheme.Should().Be("Bearer");
        endpoint.Realm.Should().Be(Server.TokenIssuer.Realm.ToString());
        Server.TokenIssuer.IssuedTokens.Should().Be(issuedAfterFirstPull, "the pull token is cached per scope");
    }

    [Fact]
    public async Task FindAsync_WrongPassword_FailsWithUnauthorized()
    {
        var wrong = new RegistryCredentials(Server.Options.Username, "wrong-password-123", CredentialSource.Explicit());
        using var client = Server.CreateClient(wrong);

        var find = () => client.FindAsync(ImageReference.Create(Server.Host, "token/app", "v1"));

        var failure = await find.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.Unauthorized);
        failure.Which.Message.Should().Contain($"refused user {Server.Options.Username}").And.NotContain("wrong-password-123");
    }

    [Fact]
    public async Task FindAsync_IdentityToken_UsesTheRefreshTokenGrant()
    {
        var digest = await Server.SeedImageAsync("token/identity", "v1");
        var identity = new RegistryCredentials(Server.Options.Username, password: null, CredentialSource.DockerConfig("config.json"), identityToken: Server.Options.Password);
        using var client = Server.CreateClient(identity);

        (await client.FindAsync(ImageReference.Create(Server.Host, "token/identity", "v1")))!.Digest.Should().Be(digest);
    }

    [Fact]
    public async Task FindAsync_WrongIdentityToken_FailsWithUnauthorized()
    {
        var identity = new RegistryCredentials(Server.Options.Username, password: null, CredentialSource.DockerConfig("config.json"), identityToken: "stale-refresh-token");
        using var client = Server.CreateClient(identity);

        var find = () => client.FindAsync(ImageReference.Create(Server.Host, "token/identity", "v1"));

        var failure = await find.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.Unauthorized);
        failure.Which.Message.Should().NotContain("stale-refresh-token");
    }

    [Fact]
    public async Task FindAsync_Anonymous_FailsWithNoBasicAuthCredentials()
    {
        await Server.SeedImageAsync("token/private", "v1");
        using var client = Server.CreateClient(RegistryCredentials.Anonymous);

        var find = () => client.Manifests.GetAsync("token/private", "v1");

        (await find.Should().ThrowAsync<RegistryException>()).Which.Kind.Should().Be(RegistryFailureKind.NoBasicAuthCredentials);
    }
}
