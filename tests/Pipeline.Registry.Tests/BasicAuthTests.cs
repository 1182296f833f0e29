using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class BasicAuthTests(HtpasswdRegistryFixture fixture) : IClassFixture<HtpasswdRegistryFixture>
{
    private RegistryServer Server => fixture.Server;

    [Fact]
    public async Task SeedAndFind_RightCredentials_Succeed()
    {
        var digest = await Server.SeedImageAsync("basic/app", "v1");
        using var client = Server.CreateClient();

        var endpoint = await client.PingAsync();
        var descriptor = await client.FindAsync(ImageReference.Create(Server.Host, "basic/app", "v1"));

        endpoint.AuthenticationScheme.Should().Be("Basic");
        descriptor!.Digest.Should().Be(digest);
    }

    [Fact]
    public async Task PingAsync_WrongPassword_FailsWithUnauthorizedNamingTheUser()
    {
        var wrong = new RegistryCredentials(Server.Options.Username, "not-the-password", CredentialSource.Explicit("--registry-username"));
        using var client = Server.CreateClient(wrong);

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.Unauthorized);
        failure.Which.Message.Should().Contain($"refused user {Server.Options.Username}").And.Contain("check the user and its password");
        failure.Which.Message.Should().NotContain("not-the-password");
        foreach (var secret in wrong.Secrets)
        {
            failure.Which.ToString().Should().NotContain(secret);
        }
    }

    [Fact]
    public async Task ListTagsAsync_NoCredentials_FailsWithNoBasicAuthCredentials()
    {
        await Server.SeedImageAsync("basic/anonymous", "v1");
        using var client = Server.CreateClient(RegistryCredentials.Anonymous);

        var list = () => client.Repositories.ListTagsAsync("basic/anonymous");

        var failure = await list.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.NoBasicAuthCredentials);
        failure.Which.Message.Should().StartWith("no basic auth credentials").And.Contain("pass the registry user name and the registry password, or docker login");
    }
}
