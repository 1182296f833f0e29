using Pipeline.Testing.Registries;

namespace Pipeline.Registry.Tests;

public class TokenIssuerFailureTests
{
    [Fact]
    public async Task PushAsync_PullOnlyUser_FailsWithDenied()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token, GrantedActions = ["pull"] });
        using var client = server.CreateClient();

        var push = () => TestImage.Create("denied").PushAsync(client, "token/readonly", "v1");

        var failure = await push.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.Denied);
        failure.Which.Message.Should().Contain($"user {server.Options.Username} may not upload the blob").And.Contain("token/readonly");
    }

    [Fact]
    public async Task PingAsync_IssuerStopped_FailsWithTokenRealmUnreachable()
    {
        await using var server = await RegistryServer.StartAsync(new RegistryServerOptions { Auth = RegistryAuthMode.Token });
        var realm = server.TokenIssuer!.Realm;
        await server.TokenIssuer.StopAsync();
        using var client = server.CreateClient();

        var ping = () => client.PingAsync();

        var failure = await ping.Should().ThrowAsync<RegistryException>();
        failure.Which.Kind.Should().Be(RegistryFailureKind.TokenRealmUnreachable);
        failure.Which.Message.Should().Contain(realm.GetLeftPart(UriPartial.Path)).And.Contain("connection refused");
    }
}
